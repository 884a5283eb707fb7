package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The execution plan against SameDiff's own session on the image encoder: the same numbers bit for bit. */
class ExecutionPlanTest {

    private static final String IMAGE = "image";

    /** The image encoder of {@code cfg} as {@link GrounderModel} builds it; returns its output name. */
    private static String imageGraph(SameDiff sd, ModelConfig cfg) {
        StateDict w = ModelInit.init(cfg, 3);
        SDVariable image = sd.placeHolder(IMAGE, DataType.FLOAT, -1, 3, cfg.imageSize(), cfg.imageSize());
        return GrounderModel.imageTokens(new Nn(sd, w, false), image, cfg, w, false)
                .name();
    }

    private static INDArray pixels(long seed, int n, int side) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, 3, side, side);
    }

    @Test
    void equalsSameDiffBitForBitOnEveryPassAndBatchSize() {
        for (ModelConfig cfg : List.of(ModelConfig.tiny(30), TrainingGraphTest.PASSTHROUGH)) {
            SameDiff sd = SameDiff.create();
            String out = imageGraph(sd, cfg);
            try (ExecutionPlan plan = new ExecutionPlan(sd, IMAGE, out)) {
                for (int[] pass : new int[][] {{1, 1}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {6, 1}}) {
                    INDArray x = pixels(pass[0], pass[1], cfg.imageSize());
                    INDArray expected = sd.outputSingle(Map.of(IMAGE, x), out);
                    INDArray got = plan.output(x);
                    assertThat(got.shape()).as("pass %d", pass[0]).isEqualTo(expected.shape());
                    assertThat(got.data().asFloat())
                            .as("pass %d", pass[0])
                            .isEqualTo(expected.dup('c').data().asFloat());
                }
            }
        }
    }

    @Test
    void resultsAreTheCallersOwnAndOutliveLaterPasses() {
        ModelConfig cfg = ModelConfig.tiny(30);
        SameDiff sd = SameDiff.create();
        String out = imageGraph(sd, cfg);
        try (ExecutionPlan plan = new ExecutionPlan(sd, IMAGE, out)) {
            INDArray a = plan.output(pixels(1, 1, cfg.imageSize()));
            INDArray copy = a.dup();
            INDArray b = plan.output(pixels(2, 1, cfg.imageSize()));
            assertThat(a).isEqualTo(copy);
            assertThat(b).isNotEqualTo(a);
        }
    }

    @Test
    void concurrentCallersGetWhatOneCallerGets() throws Exception {
        ModelConfig cfg = ModelConfig.tiny(30);
        SameDiff sd = SameDiff.create();
        String out = imageGraph(sd, cfg);
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(pixels(10 + i, 1, cfg.imageSize()));
            expected.add(sd.outputSingle(Map.of(IMAGE, inputs.get(i)), out));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ExecutionPlan plan = new ExecutionPlan(sd, IMAGE, out)) {
            List<Future<INDArray>> got = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (INDArray x : inputs) {
                    got.add(pool.submit(() -> plan.output(x)));
                }
            }
            for (int k = 0; k < got.size(); k++) {
                assertThat(got.get(k).get()).as("call %d", k).isEqualTo(expected.get(k % inputs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void graphsItCannotRunAreRejectedUpFront() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, 2);
        SDVariable b = sd.placeHolder("b", DataType.FLOAT, 2);
        String sum = a.add(b).name();
        assertThat(ExecutionPlan.supports(sd, "a", sum)).isFalse();
        assertThatThrownBy(() -> new ExecutionPlan(sd, "a", sum))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("placeholder b");
        assertThat(ExecutionPlan.supports(sd, "a", a.mul(2).name())).isTrue();
    }

    @Test
    void aClosedPlanSaysSo() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, 2);
        ExecutionPlan plan = new ExecutionPlan(sd, "a", sd.nn.relu(a, 0).name());
        assertThat(plan.output(Nd4j.createFromArray(-1f, 2f)).data().asFloat()).containsExactly(0f, 2f);
        plan.close();
        assertThatThrownBy(() -> plan.output(Nd4j.createFromArray(1f, 2f)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}

package org.ground4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.quicktheories.generators.SourceDSL;

class AdamWTest {

    /** PyTorch's AdamW on one scalar, written out in double precision: the independent reference. */
    static double[] reference(double p, double[] grads, double lr, double wd) {
        double m = 0, v = 0;
        double[] out = new double[grads.length];
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            p *= 1 - lr * wd;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mh = m / (1 - Math.pow(0.9, t)), vh = v / (1 - Math.pow(0.999, t));
            p -= lr * mh / (Math.sqrt(vh) + 1e-8);
            out[t - 1] = p;
        }
        return out;
    }

    @Test
    void followsPyTorchsUpdateStepByStep() {
        qt().withFixedSeed(31).withExamples(50).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            double[] grads = new double[6];
            for (int i = 0; i < grads.length; i++) {
                grads[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
            }
            double p0 = rnd.nextGaussian();
            AdamW opt = new AdamW(0.9, 0.999, 1e-8, 1e-2);
            INDArray p = Nd4j.scalar(DataType.DOUBLE, p0).reshape(1);
            double[] expected = reference(p0, grads, 1e-3, 1e-2);
            for (int t = 0; t < grads.length; t++) {
                opt.step(
                        Map.of("w", p),
                        Map.of("w", Nd4j.scalar(DataType.DOUBLE, grads[t]).reshape(1)),
                        n -> 1e-3);
                assertThat(p.getDouble(0)).isCloseTo(expected[t], within(1e-12));
            }
        });
    }

    @Test
    void firstStepMovesByTheLearningRateTimesTheSign() {
        AdamW opt = new AdamW(0.9, 0.999, 1e-8, 0);
        INDArray p = Nd4j.createFromArray(1f, 1f, 1f);
        opt.step(Map.of("w", p), Map.of("w", Nd4j.createFromArray(3f, -0.2f, 0f)), n -> 0.01);
        assertThat(p.getDouble(0)).isCloseTo(0.99, within(1e-6));
        assertThat(p.getDouble(1)).isCloseTo(1.01, within(1e-6));
        assertThat(p.getDouble(2)).isEqualTo(1.0);
    }

    @Test
    void stateRoundTripsSoThatAResumedRunIsIdentical() {
        Map<String, INDArray> a = new HashMap<>(Map.of("w", Nd4j.createFromArray(0.5f, -0.5f)));
        Map<String, INDArray> b = new HashMap<>(Map.of("w", Nd4j.createFromArray(0.5f, -0.5f)));
        AdamW first = new AdamW(0.9, 0.999, 1e-8, 1e-4), second = new AdamW(0.9, 0.999, 1e-8, 1e-4);
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.createFromArray(0.1f * (t + 1), -0.3f);
            first.step(a, Map.of("w", g), n -> 1e-2);
            second.step(b, Map.of("w", g.dup()), n -> 1e-2);
        }
        AdamW resumed = new AdamW(0.9, 0.999, 1e-8, 1e-4);
        resumed.load(second.state());
        assertThat(resumed.steps()).isEqualTo(3);
        INDArray g = Nd4j.createFromArray(0.7f, 0.2f);
        first.step(a, Map.of("w", g), n -> 1e-2);
        resumed.step(b, Map.of("w", g.dup()), n -> 1e-2);
        assertThat(b.get("w")).isEqualTo(a.get("w"));
    }

    @Test
    void clippingBoundsTheGlobalNorm() {
        Map<String, INDArray> grads = Map.of("a", Nd4j.createFromArray(3f, 0f), "b", Nd4j.createFromArray(0f, 4f));
        assertThat(GradientClipping.clip(grads, 0.1)).isCloseTo(5.0, within(1e-6));
        assertThat(GradientClipping.norm(grads)).isCloseTo(0.1, within(1e-6));
        Map<String, INDArray> small = Map.of("a", Nd4j.createFromArray(0.03f, 0.04f));
        GradientClipping.clip(small, 0.1);
        assertThat(small.get("a").getDouble(1)).isCloseTo(0.04, within(1e-7)); // under the bound: untouched
    }

    @Test
    void groupsAndStepDrop() {
        ParamGroups g = new ParamGroups(1e-5, 5e-5, 1e-4, 10, 0.1);
        assertThat(g.lr("backbone.layer2.0.conv1.weight", 0)).isEqualTo(1e-5);
        assertThat(g.lr("text_encoder.embeddings.word_embeddings.weight", 3)).isEqualTo(5e-5);
        assertThat(g.lr("query_embed.weight", 9)).isEqualTo(1e-4);
        assertThat(g.lr("query_embed.weight", 10)).isCloseTo(1e-5, within(1e-15));
        assertThat(ParamGroups.group("resizer.fc.weight")).isEqualTo("rest");
    }
}

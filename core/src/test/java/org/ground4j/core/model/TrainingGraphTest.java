package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradients of the tiny network against central finite differences; trainable/frozen split. */
class TrainingGraphTest {

    static final ModelConfig CFG = ModelConfig.tiny(30);

    @Test
    void frozenPartsAreConstantsAndTheRestTrains() {
        TrainingGraph g = TrainingGraph.build(CFG, ModelInit.init(CFG, 1), 0.0);
        List<String> names = g.trainableNames();
        assertThat(names).contains("backbone.layer2.0.conv1.weight", "query_embed.weight",
                "text_encoder.embeddings.word_embeddings.weight", "transformer.decoder.norm.weight", "class_embed.bias");
        assertThat(names).noneMatch(n -> n.startsWith("backbone.layer1.") || n.startsWith("backbone.conv1")
                || n.contains("running_") || n.contains("bn"));
        assertThat(g.logitNames()).hasSize(CFG.transformer().decoderLayers());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        TrainingGraph g = TrainingGraph.build(CFG, ModelInit.init(CFG, 2), 0.0);
        SameDiff sd = g.sd();
        Nd4j.getRandom().setSeed(3);
        ImageBatch img = GrounderModelTest.images(6, 2);
        TokenBatch text = GrounderModelTest.text(new int[][] {{2, 5, 9, 3}, {2, 7, 3}});
        Map<String, INDArray> feed = g.feed(img, new int[] {0, 1}, text);
        // a scalar of every output of every decoder layer, with fixed random weights
        SDVariable loss = null;
        for (int l = 0; l < g.logitNames().size(); l++) {
            SDVariable a = sd.getVariable(g.logitNames().get(l)).mul(sd.constant(Nd4j.rand(DataType.FLOAT, 2, 5)));
            SDVariable b = sd.getVariable(g.boxNames().get(l)).mul(sd.constant(Nd4j.rand(DataType.FLOAT, 2, 5, 4)));
            SDVariable term = a.sum().add(b.sum().mul(10));
            loss = loss == null ? term : loss.add(term);
        }
        sd.setLossVariables(loss);
        String[] checked = {"backbone.layer2.0.conv1.weight", "backbone.layer3.1.conv2.weight", "input_proj.weight",
                "text_encoder.embeddings.word_embeddings.weight", "text_encoder.encoder.layer.0.intermediate.dense.weight",
                "resizer.fc.weight", "transformer.encoder.layers.0.self_attn.in_proj_weight",
                "transformer.decoder.layers.1.multihead_attn.in_proj_weight", "query_embed.weight",
                "bbox_embed.layers.0.weight", "class_embed.weight"};
        Map<String, INDArray> grads = sd.calculateGradients(feed, checked);
        Random rnd = new Random(4);
        double eps = 1e-2;
        int compared = 0;
        for (String name : checked) {
            INDArray w = sd.getVariable(name).getArr();
            INDArray grad = grads.get(name);
            for (int k = 0; k < 3; k++) {
                long idx = pickLargest(grad, rnd);
                double orig = w.getDouble(idx);
                w.putScalar(idx, orig + eps);
                double up = sd.outputSingle(feed, loss.name()).getDouble(0);
                w.putScalar(idx, orig - eps);
                double down = sd.outputSingle(feed, loss.name()).getDouble(0);
                w.putScalar(idx, orig);
                double fd = (up - down) / (2 * eps);
                double an = grad.getDouble(idx);
                assertThat(Math.abs(fd - an)).as("%s[%d]: analytic %g, numeric %g", name, idx, an, fd)
                        .isLessThan(0.05 * Math.max(1e-2, Math.abs(fd)) + 2e-3);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(checked.length * 3);
    }

    /** An index whose gradient is among the larger ones, so that float rounding does not dominate. */
    private static long pickLargest(INDArray grad, Random rnd) {
        long best = 0;
        double bestAbs = -1;
        for (int t = 0; t < 20; t++) {
            long i = (long) (rnd.nextDouble() * grad.length());
            double a = Math.abs(grad.getDouble(i));
            if (a > bestAbs) {
                bestAbs = a;
                best = i;
            }
        }
        return best;
    }
}

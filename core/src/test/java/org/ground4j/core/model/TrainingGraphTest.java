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
        TrainingGraph g = TrainingGraph.build(CFG, ModelInit.init(CFG, 1), TrainingOptions.DEFAULT);
        List<String> names = g.trainableNames();
        assertThat(names)
                .contains(
                        "backbone.layer2.0.conv1.weight",
                        "query_embed.weight",
                        "text_encoder.embeddings.word_embeddings.weight",
                        "transformer.decoder.norm.weight",
                        "class_embed.bias");
        assertThat(names)
                .noneMatch(n -> n.startsWith("backbone.layer1.")
                        || n.startsWith("backbone.conv1")
                        || n.contains("running_")
                        || n.contains("bn"));
        assertThat(g.logitNames()).hasSize(CFG.transformer().decoderLayers());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        checkGradients(
                TrainingGraph.build(CFG, ModelInit.init(CFG, 2), TrainingOptions.DEFAULT),
                1e-2,
                "backbone.layer2.0.conv1.weight",
                "backbone.layer3.1.conv2.weight");
    }

    /**
     * Under query selection the gradients reach the encoder through the selected tokens' content and the decoder
     * through the reference boxes; the small step keeps the top-k choice itself unchanged.
     */
    @Test
    void querySelectionGradientsMatchFiniteDifferences() {
        ModelConfig cfg = QuerySelectionTest.config(5);
        TrainingGraph g = TrainingGraph.build(cfg, ModelInit.init(cfg, 2), TrainingOptions.DEFAULT);
        SameDiff sd = g.sd();
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> feed =
                g.feed(GrounderModelTest.images(6, 2), new int[] {0, 1}, GrounderModelTest.text(new int[][] {
                    {2, 5, 9, 3}, {2, 7, 3}
                }));
        SDVariable loss = null;
        for (int l = 0; l < g.logitNames().size(); l++) {
            SDVariable a = sd.getVariable(g.logitNames().get(l)).mul(sd.constant(Nd4j.rand(DataType.FLOAT, 2, 5)));
            SDVariable b = sd.getVariable(g.boxNames().get(l)).mul(sd.constant(Nd4j.rand(DataType.FLOAT, 2, 5, 4)));
            SDVariable term = a.sum().add(b.sum().mul(10));
            loss = loss == null ? term : loss.add(term);
        }
        sd.setLossVariables(loss);
        compare(
                sd,
                feed,
                loss,
                2e-3,
                "transformer.encoder.layers.0.linear2.weight",
                "transformer.decoder.layers.0.self_attn.in_proj_weight",
                "transformer.decoder.layers.1.multihead_attn.in_proj_weight",
                "bbox_embed.layers.2.bias",
                "class_embed.weight");
    }

    /**
     * The backbone with batch statistics, through a random linear function of the image tokens (the rest of the
     * network is checked above). Its normalised activations make the loss curved, so the steps are small.
     */
    @Test
    void batchStatisticsGradientsMatchFiniteDifferences() {
        TrainingGraph g = TrainingGraph.build(
                CFG, ModelInit.init(CFG, 2), TrainingOptions.DEFAULT.withBatchNorm(TrainingOptions.BatchNorm.TRAIN));
        compareThroughImageTokens(
                g,
                6e-4,
                "backbone.conv1.weight",
                "backbone.bn1.weight",
                "backbone.layer1.0.bn2.weight",
                "backbone.layer2.0.conv1.weight",
                "backbone.layer2.0.downsample.1.bias",
                "backbone.layer3.1.bn2.bias");
    }

    /** The tiny configuration with layer2's stride-8 features folded into its stride-16 tokens. */
    static final ModelConfig PASSTHROUGH =
            new ModelConfig(CFG.backbone(), CFG.text(), CFG.transformer(), CFG.imageSize(), CFG.maxTextLength(), 8);

    /** The passthrough path, through a random linear function of the image tokens. */
    @Test
    void passthroughGradientsMatchFiniteDifferences() {
        TrainingGraph g = TrainingGraph.build(PASSTHROUGH, ModelInit.init(PASSTHROUGH, 2), TrainingOptions.DEFAULT);
        assertThat(g.trainableNames()).contains("passthrough_proj.weight", "passthrough_proj.bias");
        long[] shape = compareThroughImageTokens(
                g,
                2e-3,
                "passthrough_proj.weight",
                "passthrough_proj.bias",
                "backbone.layer2.1.conv2.weight",
                "backbone.layer3.0.conv1.weight",
                "input_proj.weight");
        assertThat(shape)
                .containsExactly(
                        2, PASSTHROUGH.imageTokens(), PASSTHROUGH.transformer().d());
    }

    /**
     * Inference taps layer2 in its channels-last layout; the training graph in NCHW. Same weights, same tokens;
     * and the passthrough changes them (it is not silently left out).
     */
    @Test
    void passthroughInferenceEqualsTraining() {
        StateDict init = ModelInit.init(PASSTHROUGH, 5);
        TrainingGraph g = TrainingGraph.build(PASSTHROUGH, init, TrainingOptions.DEFAULT);
        ImageBatch img = GrounderModelTest.images(8, 3);
        TokenBatch text = GrounderModelTest.text(new int[][] {{2, 5, 3}, {2, 7, 3}, {2, 9, 3}});
        String name = GrounderModel.IMAGE_TOKENS + "_out";
        INDArray training =
                g.sd().output(g.feed(img, new int[] {0, 1, 2}, text), name).get(name);
        INDArray inference = GrounderModel.forInference(PASSTHROUGH, init).encodeImages(img.pixels());
        double scale = training.norm2Number().doubleValue() / Math.sqrt(training.length());
        assertThat(inference.sub(training).amaxNumber().doubleValue()).isLessThan(1e-4 * scale);
        INDArray without = GrounderModel.forInference(CFG, init).encodeImages(img.pixels());
        assertThat(without.sub(inference).amaxNumber().doubleValue()).isGreaterThan(1e-2 * scale);
    }

    @Test
    void batchStatisticsTrainTheWholeBackbone() {
        TrainingGraph g = TrainingGraph.build(
                CFG, ModelInit.init(CFG, 1), TrainingOptions.DEFAULT.withBatchNorm(TrainingOptions.BatchNorm.TRAIN));
        assertThat(g.trainableNames())
                .contains(
                        "backbone.conv1.weight",
                        "backbone.bn1.weight",
                        "backbone.bn1.bias",
                        "backbone.layer1.0.conv1.weight")
                .noneMatch(n -> n.contains("running_"));
        assertThat(g.batchStatNames()).contains("backbone.bn1.batch_mean", "backbone.layer3.1.bn2.batch_var");
    }

    /**
     * With every running statistic set to this batch's own (momentum 1), the inference encoder, which folds
     * BatchNorm into the convolutions, must reproduce the training graph's image tokens on the same batch:
     * layer by layer the normalisation is then the same map.
     */
    @Test
    void runningStatisticsFromABatchReproduceItInInference() {
        StateDict init = ModelInit.init(CFG, 5);
        TrainingGraph g =
                TrainingGraph.build(CFG, init, TrainingOptions.DEFAULT.withBatchNorm(TrainingOptions.BatchNorm.TRAIN));
        ImageBatch img = GrounderModelTest.images(8, 3);
        TokenBatch text = GrounderModelTest.text(new int[][] {{2, 5, 3}, {2, 7, 3}, {2, 9, 3}});
        List<String> wanted = new java.util.ArrayList<>(g.batchStatNames());
        wanted.add(GrounderModel.IMAGE_TOKENS + "_out");
        Map<String, INDArray> out = g.sd().output(g.feed(img, new int[] {0, 1, 2}, text), wanted);
        StateDict before = g.weights(init);
        g.updateRunningStats(out, 1.0);
        StateDict after = g.weights(init);
        assertThat(after.asMap().get("backbone.bn1.running_var"))
                .isNotEqualTo(before.asMap().get("backbone.bn1.running_var"));
        INDArray inference = GrounderModel.forInference(CFG, after).encodeImages(img.pixels());
        INDArray training = out.get(GrounderModel.IMAGE_TOKENS + "_out");
        double scale = training.norm2Number().doubleValue() / Math.sqrt(training.length());
        double diff = inference.sub(training).amaxNumber().doubleValue();
        assertThat(diff).as("max |inference - training| against RMS %g", scale).isLessThan(1e-3 * scale);
        // halfway: the running statistic is the mean of the old and the batch's
        TrainingGraph h =
                TrainingGraph.build(CFG, init, TrainingOptions.DEFAULT.withBatchNorm(TrainingOptions.BatchNorm.TRAIN));
        h.updateRunningStats(out, 0.5);
        INDArray mid = h.weights(init).asMap().get("backbone.layer2.0.bn1.running_mean");
        INDArray expect = init.asMap()
                .get("backbone.layer2.0.bn1.running_mean")
                .add(out.get("backbone.layer2.0.bn1.batch_mean"))
                .div(2);
        assertThat(mid.sub(expect).amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    /**
     * Gradients of a random linear function of the image tokens (the image encoder alone) against finite
     * differences.
     *
     * @return the image tokens' shape
     */
    private static long[] compareThroughImageTokens(TrainingGraph g, double eps, String... checked) {
        SameDiff sd = g.sd();
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> feed =
                g.feed(GrounderModelTest.images(6, 2), new int[] {0, 1}, GrounderModelTest.text(new int[][] {
                    {2, 5, 9, 3}, {2, 7, 3}
                }));
        SDVariable tokens = sd.getVariable(GrounderModel.IMAGE_TOKENS + "_out");
        long[] shape = sd.output(feed, tokens.name()).get(tokens.name()).shape();
        SDVariable loss =
                tokens.mul(sd.constant(Nd4j.rand(DataType.FLOAT, shape))).sum();
        sd.setLossVariables(loss);
        compare(sd, feed, loss, eps, checked);
        return shape;
    }

    private static void checkGradients(TrainingGraph g, double eps, String... backboneChecked) {
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
        List<String> names = new java.util.ArrayList<>(List.of(backboneChecked));
        names.addAll(List.of(
                "input_proj.weight",
                "text_encoder.embeddings.word_embeddings.weight",
                "text_encoder.encoder.layer.0.intermediate.dense.weight",
                "resizer.fc.weight",
                "transformer.encoder.layers.0.self_attn.in_proj_weight",
                "transformer.decoder.layers.1.multihead_attn.in_proj_weight",
                "query_embed.weight",
                "bbox_embed.layers.0.weight",
                "class_embed.weight"));
        String[] checked = names.toArray(String[]::new);
        compare(sd, feed, loss, eps, checked);
    }

    private static void compare(
            SameDiff sd, Map<String, INDArray> feed, SDVariable loss, double eps, String... checked) {
        Map<String, INDArray> grads = sd.calculateGradients(feed, checked);
        Random rnd = new Random(4);
        int compared = 0;
        for (String name : checked) {
            INDArray w = sd.getVariable(name).getArr();
            INDArray grad = grads.get(name);
            for (int k = 0; k < 3; k++) {
                long idx = pickLargest(grad, rnd);
                // Richardson extrapolation of two central differences cancels their h^2 error
                double fd = (4 * central(sd, feed, loss, w, idx, eps / 2) - central(sd, feed, loss, w, idx, eps)) / 3;
                double an = grad.getDouble(idx);
                assertThat(Math.abs(fd - an))
                        .as("%s[%d]: analytic %g, numeric %g", name, idx, an, fd)
                        .isLessThan(0.05 * Math.max(1e-2, Math.abs(fd)) + 2e-3);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(checked.length * 3);
    }

    private static double central(
            SameDiff sd, Map<String, INDArray> feed, SDVariable loss, INDArray w, long idx, double h) {
        double orig = w.getDouble(idx);
        w.putScalar(idx, orig + h);
        double up = sd.outputSingle(feed, loss.name()).getDouble(0);
        w.putScalar(idx, orig - h);
        double down = sd.outputSingle(feed, loss.name()).getDouble(0);
        w.putScalar(idx, orig);
        return (up - down) / (2 * h);
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

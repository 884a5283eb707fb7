package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The assembled network in its tiny configuration: shapes, invariances, determinism. */
class GrounderModelTest {

    static final ModelConfig CFG = ModelConfig.tiny(50);
    static GrounderModel model;

    @BeforeAll
    static void build() {
        model = GrounderModel.forInference(CFG, ModelInit.init(CFG, 7));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static ImageBatch images(long seed, int n) {
        Nd4j.getRandom().setSeed(seed);
        INDArray px = Nd4j.rand(DataType.FLOAT, n, 3, 64, 64).subi(0.5).muli(2);
        int[] h = new int[n], w = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = 64;
            w[i] = 40 + 8 * i; // padded on the right
            px.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(w[i], 64))
                    .assign(0);
        }
        return new ImageBatch(px, h, w);
    }

    static TokenBatch text(int[][] ids) {
        int t = 0;
        for (int[] r : ids) {
            t = Math.max(t, r.length);
        }
        int[][] padded = new int[ids.length][t], mask = new int[ids.length][t];
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < ids[i].length; j++) {
                padded[i][j] = ids[i][j];
                mask[i][j] = 1;
            }
        }
        return new TokenBatch(padded, mask);
    }

    @Test
    void outputsHaveTheDocumentedShapesForEveryDecoderLayer() {
        ImageBatch img = images(1, 2);
        ModelOutputs out =
                model.forward(img, new int[] {0, 1, 1}, text(new int[][] {{2, 5, 9, 3}, {2, 7, 3}, {2, 8, 8, 8, 8, 3}
                }));
        assertThat(out.logits()).hasSize(CFG.transformer().decoderLayers());
        assertThat(out.predLogits().shape()).containsExactly(3, 5);
        assertThat(out.predBoxes().shape()).containsExactly(3, 5, 4);
        assertThat(out.predBoxes().minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(out.predBoxes().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(model.encodeImages(img.pixels()).shape()).containsExactly(2, CFG.imageTokens(), 16);
    }

    @Test
    void paddedTokensChangeNothing() {
        ImageBatch img = images(2, 1);
        ModelOutputs a = model.forward(img, new int[] {0}, text(new int[][] {{2, 5, 9, 3}}));
        int[][] ids = {{2, 5, 9, 3, 17, 23, 4}};
        int[][] mask = {{1, 1, 1, 1, 0, 0, 0}};
        ModelOutputs b = model.forward(img, new int[] {0}, new TokenBatch(ids, mask));
        assertThat(Fixtures.maxAbsDiff(a.predLogits(), b.predLogits())).isLessThan(1e-5);
        assertThat(Fixtures.maxAbsDiff(a.predBoxes(), b.predBoxes())).isLessThan(1e-5);
    }

    @Test
    void paddedPixelsChangeNothing() {
        ImageBatch img = images(3, 1);
        ModelOutputs a = model.forward(img, new int[] {0}, text(new int[][] {{2, 5, 3}}));
        // other values in the padded area: masked tokens of that area must not matter
        INDArray px = img.pixels().dup();
        int w = img.contentWidths()[0];
        // the feature cell of column c is padding when c * stride >= w; alter pixels only beyond the last real cell
        int firstMaskedCell = (w + CFG.backbone().stride() - 1) / CFG.backbone().stride();
        int from = firstMaskedCell * CFG.backbone().stride() + 32; // beyond the receptive field of real cells
        if (from < 64) {
            px.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, 64))
                    .assign(3);
        }
        ModelOutputs b = model.forward(
                new ImageBatch(px, img.contentHeights(), img.contentWidths()),
                new int[] {0},
                text(new int[][] {{2, 5, 3}}));
        assertThat(Fixtures.maxAbsDiff(a.predLogits(), b.predLogits())).isLessThan(1e-5);
    }

    @Test
    void aSampleAloneOrInsideABatchGivesTheSameOutputs() {
        ImageBatch two = images(4, 2);
        TokenBatch batch = text(new int[][] {{2, 5, 9, 3}, {2, 7, 3}, {2, 11, 12, 13, 14, 3}});
        ModelOutputs all = model.forward(two, new int[] {1, 0, 1}, batch);
        INDArray tokens = model.encodeImages(two.pixels());
        ModelOutputs alone = model.ground(tokens, two, new int[] {0}, text(new int[][] {{2, 7, 3}}));
        assertThat(Fixtures.maxAbsDiff(all.predLogits().getRow(1).reshape(1, 5), alone.predLogits()))
                .isLessThan(1e-5);
        assertThat(Fixtures.maxAbsDiff(all.predBoxes().get(NDArrayIndex.interval(1, 2)), alone.predBoxes()))
                .isLessThan(1e-5);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndOutputs() {
        StateDict a = ModelInit.init(CFG, 11), b = ModelInit.init(CFG, 11), c = ModelInit.init(CFG, 12);
        assertThat(a.names()).containsExactlyElementsOf(b.names());
        for (String n : a.names()) {
            assertThat(a.asMap().get(n)).as(n).isEqualTo(b.asMap().get(n));
        }
        assertThat(a.asMap().get("query_embed.weight")).isNotEqualTo(c.asMap().get("query_embed.weight"));
        ImageBatch img = images(5, 1);
        TokenBatch t = text(new int[][] {{2, 5, 3}});
        try (GrounderModel m1 = GrounderModel.forInference(CFG, a);
                GrounderModel m2 = GrounderModel.forInference(CFG, b)) {
            assertThat(m1.forward(img, new int[] {0}, t).predBoxes())
                    .isEqualTo(m2.forward(img, new int[] {0}, t).predBoxes());
        }
    }

    @Test
    void freshBackboneWeightsHaveTorchvisionNamesAndShapes() {
        StateDict tv = Fixtures.load("resnet/resnet50_w4.safetensors");
        StateDict ours = Backbone.init(new BackboneConfig(50, 4, 4, 1e-5), 1);
        for (String n : tv.names()) {
            if (n.startsWith("fc.") || n.endsWith("num_batches_tracked")) {
                continue; // classifier head and a counter: not part of the encoder
            }
            assertThat(ours.contains(n)).as(n).isTrue();
            assertThat(ours.asMap().get(n).shape())
                    .as(n)
                    .containsExactly(tv.asMap().get(n).shape());
        }
        assertThat(ours.size())
                .isEqualTo(tv.names().stream()
                        .filter(n -> !n.startsWith("fc.") && !n.endsWith("num_batches_tracked"))
                        .count());
    }
}

package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Query selection against a brute force: with the box head's last layer zeroed, every query's box is exactly its
 * token's reference box, so the boxes tell which tokens were selected, in which order.
 */
class QuerySelectionTest {

    /** Tiny network with query selection: 4 x 4 tokens, {@code queries} of them selected. */
    static ModelConfig config(int queries) {
        ModelConfig t = ModelConfig.tiny(30);
        TransformerConfig c = t.transformer();
        return new ModelConfig(
                t.backbone(),
                t.text(),
                new TransformerConfig(
                        c.d(),
                        c.heads(),
                        c.encoderLayers(),
                        c.decoderLayers(),
                        c.feedForward(),
                        c.dropout(),
                        queries,
                        true),
                t.imageSize(),
                t.maxTextLength());
    }

    /** Weights whose box head outputs 0 before the sigmoid, so that a box is its reference box. */
    static StateDict referenceBoxesOnly(ModelConfig cfg, long seed) {
        StateDict w = ModelInit.init(cfg, seed);
        w.asMap().get("bbox_embed.layers.2.weight").assign(0);
        w.asMap().get("bbox_embed.layers.2.bias").assign(0);
        return w;
    }

    @Test
    void referenceBoxesAreTheCellsInLogitSpace() {
        int side = 4;
        float[] a = QuerySelection.anchors(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 4;
                assertThat(sigmoid(a[i])).isCloseTo((x + 0.5) / side, within(1e-6));
                assertThat(sigmoid(a[i + 1])).isCloseTo((y + 0.5) / side, within(1e-6));
                assertThat(sigmoid(a[i + 2])).isCloseTo(QuerySelection.ANCHOR_SIZE, within(1e-6));
                assertThat(sigmoid(a[i + 3])).isCloseTo(QuerySelection.ANCHOR_SIZE, within(1e-6));
            }
        }
    }

    @Test
    void theQueriesAreTheBestScoringRealTokensInOrder() {
        ModelConfig cfg = config(5);
        StateDict w = referenceBoxesOnly(cfg, 7);
        ImageBatch img = GrounderModelTest.images(6, 2);
        TokenBatch text = GrounderModelTest.text(new int[][] {{2, 5, 9, 3}, {2, 7, 3}, {2, 11, 12, 3}});
        int[] imageIndex = {0, 1, 1};
        TrainingGraph g = TrainingGraph.build(cfg, w, TrainingOptions.DEFAULT);
        Map<String, INDArray> feed = g.feed(img, imageIndex, text);
        String last = g.boxNames().get(g.boxNames().size() - 1);
        Map<String, INDArray> out = g.sd().output(feed, TrainingGraph.DENSE_LOGITS, last);
        float[][] scores = out.get(TrainingGraph.DENSE_LOGITS).toFloatMatrix();
        float[][] bias = feed.get(GrounderModel.IMAGE_BIAS).toFloatMatrix();
        INDArray boxes = out.get(last);
        int side = cfg.featureSide();
        for (int s = 0; s < imageIndex.length; s++) {
            List<Integer> expected = best(scores[s], bias[s], cfg.transformer().queries());
            float[][] b = boxes.slice(s).toFloatMatrix();
            for (int q = 0; q < expected.size(); q++) {
                int t = expected.get(q);
                assertThat(b[q][0]).as("sentence %d query %d", s, q).isCloseTo((t % side + 0.5f) / side, within(1e-5f));
                assertThat(b[q][1]).isCloseTo((t / side + 0.5f) / side, within(1e-5f));
                assertThat(b[q][2]).isCloseTo((float) QuerySelection.ANCHOR_SIZE, within(1e-5f));
            }
        }
        // the inference graphs select alike
        try (GrounderModel m = GrounderModel.forInference(cfg, w)) {
            INDArray inferred =
                    m.forward(img, imageIndex, text).boxes().get(g.boxNames().size() - 1);
            assertThat(inferred.sub(boxes).amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }

    /** As many queries as the narrowest image has real tokens: exactly those are chosen, whatever padding scores. */
    @Test
    void letterboxPaddingIsNeverSelected() {
        ImageBatch img = GrounderModelTest.images(6, 1); // 40 of 64 columns real
        TokenBatch text = GrounderModelTest.text(new int[][] {{2, 5, 9, 3}});
        ModelConfig probe = config(5);
        float[] bias = Inputs.images(probe, img, new int[] {0})
                .get(GrounderModel.IMAGE_BIAS)
                .toFloatVector();
        List<Integer> real = IntStream.range(0, bias.length)
                .filter(t -> bias[t] == 0f)
                .boxed()
                .toList();
        assertThat(real.size()).isBetween(1, bias.length - 1);

        ModelConfig cfg = config(real.size());
        StateDict w = referenceBoxesOnly(cfg, 3);
        TrainingGraph g = TrainingGraph.build(cfg, w, TrainingOptions.DEFAULT);
        Map<String, INDArray> feed = g.feed(img, new int[] {0}, text);
        String last = g.boxNames().get(g.boxNames().size() - 1);
        Map<String, INDArray> out = g.sd().output(feed, TrainingGraph.DENSE_LOGITS, last);
        float[] scores = out.get(TrainingGraph.DENSE_LOGITS).toFloatVector();
        // without the mask, padding would have been chosen: the test can fail
        assertThat(best(scores, new float[bias.length], real.size())).isNotEqualTo(best(scores, bias, real.size()));

        int side = cfg.featureSide();
        List<Integer> chosen = new ArrayList<>();
        for (float[] b : out.get(last).slice(0).toFloatMatrix()) {
            chosen.add(Math.round(b[1] * side - 0.5f) * side + Math.round(b[0] * side - 0.5f));
        }
        assertThat(chosen).containsExactlyInAnyOrderElementsOf(real);
    }

    @Test
    void selectionHasNoLearnedQueriesAndADenseHead() {
        StateDict w = ModelInit.init(config(5), 1);
        assertThat(w.names()).contains("dense_embed.weight", "dense_embed.bias").doesNotContain("query_embed.weight");
        assertThat(ModelInit.init(ModelConfig.tiny(30), 1).names())
                .contains("query_embed.weight")
                .doesNotContain("dense_embed.weight");
    }

    /** Brute force: the {@code k} real tokens of highest score, best first. */
    private static List<Integer> best(float[] scores, float[] bias, int k) {
        return IntStream.range(0, scores.length)
                .filter(t -> bias[t] == 0f)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer t) -> -scores[t]))
                .limit(k)
                .toList();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

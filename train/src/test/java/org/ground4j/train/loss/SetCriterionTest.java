package org.ground4j.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ground4j.core.geometry.Box;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.matching.Match;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matching, loss terms and gradients against a PyTorch autograd reference (tools/fixtures/make_torch_fixtures.py,
 * fixture criterion.json): Q = 5 queries, samples with 0, 1 and 3 target boxes.
 */
class SetCriterionTest {

    @Test
    void matchesLossesAndGradientsAgreeWithPyTorch() throws Exception {
        JsonNode f = new ObjectMapper().readTree(getClass().getResourceAsStream("/fixtures/criterion/criterion.json"));
        int b = f.get("B").asInt(), q = f.get("Q").asInt();
        float[][] logits = new float[b][q];
        float[][][] raw = new float[b][q][4];
        float[][][] pred = new float[b][q][4];
        List<List<Box>> targets = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < q; j++) {
                logits[i][j] = (float) f.get("logits").get(i).get(j).asDouble();
                for (int c = 0; c < 4; c++) {
                    raw[i][j][c] = (float) f.get("box_raw").get(i).get(j).get(c).asDouble();
                    pred[i][j][c] =
                            (float) f.get("pred_boxes").get(i).get(j).get(c).asDouble();
                }
            }
            List<Box> t = new ArrayList<>();
            for (JsonNode box : f.get("targets").get(i)) {
                t.add(Box.fromCxCyWh(
                        box.get(0).asDouble(),
                        box.get(1).asDouble(),
                        box.get(2).asDouble(),
                        box.get(3).asDouble()));
            }
            targets.add(t);
        }

        // the matching is scipy's
        HungarianMatcher matcher = HungarianMatcher.defaults();
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            Match m = matcher.match(logits[i], pred[i], targets.get(i));
            JsonNode ref = f.get("matches").get(i);
            assertThat(m.queries()).containsExactly(ints(ref.get("query_idx")));
            assertThat(m.targets()).containsExactly(ints(ref.get("target_idx")));
            matches.add(m);
            double[][] cost = matcher.cost(logits[i], pred[i], targets.get(i));
            for (int j = 0; j < q; j++) {
                for (int g = 0; g < targets.get(i).size(); g++) {
                    assertThat(cost[j][g])
                            .isCloseTo(
                                    f.get("cost_matrices").get(i).get(j).get(g).asDouble(), within(1e-5));
                }
            }
        }

        // the loss on a graph whose variables are the logits and the pre-sigmoid boxes
        SameDiff sd = SameDiff.create();
        SDVariable lv = sd.var("logits", Nd4j.create(logits));
        SDVariable bv = sd.var("box_raw", Nd4j.create(raw));
        sd.nn.sigmoid("boxes", bv);
        SetCriterion crit = SetCriterion.attach(sd, List.of("logits"), List.of("boxes"), LossWeights.detr());
        Map<String, INDArray> feed = crit.targets(List.of(matches), targets, q);
        Map<String, INDArray> out = sd.output(feed, "loss_bce", "loss_l1", "loss_giou", SetCriterion.LOSS);
        assertThat(out.get("loss_bce").getDouble(0)).isCloseTo(f.get("loss_bce").asDouble(), within(1e-5));
        assertThat(out.get("loss_l1").getDouble(0)).isCloseTo(f.get("loss_l1").asDouble(), within(1e-5));
        assertThat(out.get("loss_giou").getDouble(0))
                .isCloseTo(f.get("loss_giou").asDouble(), within(1e-5));
        assertThat(out.get(SetCriterion.LOSS).getDouble(0))
                .isCloseTo(f.get("total").asDouble(), within(1e-4));

        Map<String, INDArray> grads = sd.calculateGradients(feed, "logits", "box_raw");
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < q; j++) {
                assertThat(grads.get("logits").getDouble(i, j))
                        .isCloseTo(f.get("grad_logits").get(i).get(j).asDouble(), within(1e-5));
                for (int c = 0; c < 4; c++) {
                    assertThat(grads.get("box_raw").getDouble(i, j, c))
                            .as("box grad [%d,%d,%d]", i, j, c)
                            .isCloseTo(
                                    f.get("grad_box_raw").get(i).get(j).get(c).asDouble(), within(1e-5));
                }
            }
        }
        assertThat(crit.termNames()).containsExactly("loss_bce", "loss_l1", "loss_giou");
    }

    @Test
    void aZeroBoxBatchTrainsConfidenceTowardsNothingHere() {
        SameDiff sd = SameDiff.create();
        sd.var("logits", Nd4j.create(new float[][] {{2f, -1f, 0f}}));
        sd.var("box_raw", Nd4j.zeros(DataType.FLOAT, 1, 3, 4));
        sd.nn.sigmoid("boxes", sd.getVariable("box_raw"));
        SetCriterion crit = SetCriterion.attach(sd, List.of("logits"), List.of("boxes"), LossWeights.detr());
        Map<String, INDArray> feed = crit.targets(List.of(List.of(Match.empty())), List.of(List.of()), 3);
        Map<String, INDArray> out = sd.output(feed, "loss_bce", "loss_l1", "loss_giou");
        // num_boxes clamps to 1: loss = 0.1 * sum softplus(x)
        double expected = 0.1 * (Math.log1p(Math.exp(2)) + Math.log1p(Math.exp(-1)) + Math.log(2));
        assertThat(out.get("loss_bce").getDouble(0)).isCloseTo(expected, within(1e-5));
        assertThat(out.get("loss_l1").getDouble(0)).isZero();
        assertThat(out.get("loss_giou").getDouble(0)).isZero();
        INDArray g = sd.calculateGradients(feed, "logits").get("logits");
        assertThat(g.minNumber().doubleValue()).isGreaterThan(0); // every logit pushed down
    }

    private static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }
}

package org.ground4j.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.train.matching.Match;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dense auxiliary loss: its token targets and its value against a hand computation. */
class DenseTargetsTest {

    @Test
    void aQuarterBoxCoversTheTopLeftCellsAndATinyBoxItsOwnCell() {
        assertThat(DenseTargets.cells(List.of(new Box(0.0, 0.0, 0.5, 0.5)), 4)).containsExactly(0, 1, 4, 5);
        // smaller than a cell and between cell centres: only the cell holding its centre
        assertThat(DenseTargets.cells(List.of(new Box(0.55, 0.80, 0.60, 0.85)), 4))
                .containsExactly(3 * 4 + 2);
        assertThat(DenseTargets.cells(List.of(), 4)).isEmpty();
    }

    @Test
    void everyCellIsCoveredExactlyWhenItsCentreIsInsideOrItHoldsTheBoxCentre() {
        qt().withFixedSeed(13)
                .withExamples(300)
                .forAll(
                        doubles().between(0, 0.9),
                        doubles().between(0, 0.9),
                        doubles().between(0.001, 0.6),
                        integers().between(1, 12))
                .checkAssert((x, y, size, grid) -> {
                    Box b = new Box(x, y, Math.min(1, x + size), Math.min(1, y + size * 0.7));
                    SortedSet<Integer> cells = DenseTargets.cells(List.of(b), grid);
                    double bx = (b.x1() + b.x2()) / 2, by = (b.y1() + b.y2()) / 2;
                    for (int r = 0; r < grid; r++) {
                        for (int c = 0; c < grid; c++) {
                            double cx = (c + 0.5) / grid, cy = (r + 0.5) / grid;
                            boolean centreIn = cx >= b.x1() && cx <= b.x2() && cy >= b.y1() && cy <= b.y2();
                            boolean holdsBox = bx >= (double) c / grid
                                    && bx < (c + 1.0) / grid
                                    && by >= (double) r / grid
                                    && by < (r + 1.0) / grid;
                            assertThat(cells.contains(r * grid + c)).isEqualTo(centreIn || holdsBox);
                        }
                    }
                });
    }

    @Test
    void theDenseTermIsTheMeanBinaryCrossEntropyOverRealImageTokens() {
        // 2 sentences on a 2x2 token map; the second sentence's last token is letterbox padding
        SameDiff sd = SameDiff.create();
        sd.var("logits", Nd4j.zeros(DataType.FLOAT, 2, 3));
        sd.var("box_raw", Nd4j.zeros(DataType.FLOAT, 2, 3, 4));
        sd.nn.sigmoid("boxes", sd.getVariable("box_raw"));
        float[][] z = {{2.0f, -1.0f, 0.5f, 0.0f}, {-3.0f, 1.5f, 0.0f, 7.0f}};
        sd.var(TrainingGraph.DENSE_LOGITS, Nd4j.create(z));
        SetCriterion crit =
                SetCriterion.attach(sd, List.of("logits"), List.of("boxes"), new LossWeights(1, 5, 2, 0.1, 3));
        List<List<Box>> targets = List.of(List.of(new Box(0.0, 0.0, 0.5, 0.5)), List.of());
        Map<String, INDArray> feed =
                new java.util.HashMap<>(crit.targets(List.of(List.of(Match.empty(), Match.empty())), targets, 3));
        INDArray bias = Nd4j.create(new float[][] {{0, 0, 0, 0}, {0, 0, 0, -1e9f}});
        feed.putAll(crit.denseTargets(targets, 2, bias));
        Map<String, INDArray> out =
                sd.output(feed, SetCriterion.DENSE, SetCriterion.LOSS, "loss_bce", "loss_l1", "loss_giou");
        // first sentence: token 0 positive, the rest negative; second: all negative, token 3 padded
        double sum = bce(2.0, 1) + bce(-1.0, 0) + bce(0.5, 0) + bce(0.0, 0) + bce(-3.0, 0) + bce(1.5, 0) + bce(0.0, 0);
        assertThat(out.get(SetCriterion.DENSE).getDouble(0)).isCloseTo(sum / 7, within(1e-5));
        double set = out.get("loss_bce").getDouble(0)
                + 5 * out.get("loss_l1").getDouble(0)
                + 2 * out.get("loss_giou").getDouble(0);
        assertThat(out.get(SetCriterion.LOSS).getDouble(0)).isCloseTo(set + 3 * sum / 7, within(1e-4));
        assertThat(crit.termNames()).contains(SetCriterion.DENSE);
    }

    /** The same case, balanced: mean BCE of the one positive token plus mean BCE of the six negative ones. */
    @Test
    void theBalancedDenseTermWeighsPositivesAndNegativesAlike() {
        SameDiff sd = SameDiff.create();
        sd.var("logits", Nd4j.zeros(DataType.FLOAT, 2, 3));
        sd.var("box_raw", Nd4j.zeros(DataType.FLOAT, 2, 3, 4));
        sd.nn.sigmoid("boxes", sd.getVariable("box_raw"));
        float[][] z = {{2.0f, -1.0f, 0.5f, 0.0f}, {-3.0f, 1.5f, 0.0f, 7.0f}};
        sd.var(TrainingGraph.DENSE_LOGITS, Nd4j.create(z));
        SetCriterion crit =
                SetCriterion.attach(sd, List.of("logits"), List.of("boxes"), new LossWeights(1, 5, 2, 0.1, 3, true));
        List<List<Box>> targets = List.of(List.of(new Box(0.0, 0.0, 0.5, 0.5)), List.of());
        Map<String, INDArray> feed =
                new java.util.HashMap<>(crit.targets(List.of(List.of(Match.empty(), Match.empty())), targets, 3));
        feed.putAll(crit.denseTargets(targets, 2, Nd4j.create(new float[][] {{0, 0, 0, 0}, {0, 0, 0, -1e9f}})));
        double negatives = bce(-1.0, 0) + bce(0.5, 0) + bce(0.0, 0) + bce(-3.0, 0) + bce(1.5, 0) + bce(0.0, 0);
        assertThat(sd.output(feed, SetCriterion.DENSE).get(SetCriterion.DENSE).getDouble(0))
                .isCloseTo(bce(2.0, 1) + negatives / 6, within(1e-5));
    }

    @Test
    void aDenseWeightWithoutADenseHeadIsRefused() {
        SameDiff sd = SameDiff.create();
        sd.var("logits", Nd4j.zeros(DataType.FLOAT, 1, 3));
        sd.var("boxes", Nd4j.zeros(DataType.FLOAT, 1, 3, 4));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        SetCriterion.attach(sd, List.of("logits"), List.of("boxes"), new LossWeights(1, 5, 2, 0.1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dense head");
    }

    private static double bce(double x, int z) {
        double s = 1 / (1 + Math.exp(-x));
        return -(z * Math.log(s) + (1 - z) * Math.log(1 - s));
    }
}

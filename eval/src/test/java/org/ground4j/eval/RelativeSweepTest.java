package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ground4j.eval.EvalFixtures.box;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.WeightedBoxFusion;
import org.junit.jupiter.api.Test;

class RelativeSweepTest {

    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);

    private static Sample gold(String id, Box... boxes) {
        return new Sample(id, "x.png", "s", List.of(boxes), null, null, null);
    }

    private static Sample pred(String id, List<Box> boxes, List<Double> scores) {
        return new Sample(id, "x.png", "s", boxes, scores, null, null);
    }

    @Test
    void relativeThresholdsAreOffThenTheDecimalsFromHalfToOne() {
        double[] r = RelativeSweep.relativeThresholds();
        assertThat(r).hasSize(12);
        assertThat(r[0]).isZero();
        assertThat(r[1]).isEqualTo(0.5);
        assertThat(r[7]).isEqualTo(0.8);
        assertThat(r[11]).isEqualTo(1.0);
    }

    /**
     * s1: one lesion found (0.9) plus a lukewarm extra box (0.7, ratio 0.78); s2: two lesions found with low but
     * similar scores (0.6, 0.55, ratio 0.92); s3: no box, one spurious 0.3. No confidence threshold gets both s1
     * and s2 right; a relative threshold in (0.78, 0.92] with a threshold in (0.3, 0.55] gets all three.
     */
    @Test
    void handCaseWhereOnlyTheRelativeThresholdSeparates() {
        List<Sample> gold = List.of(gold("s1", A), gold("s2", A, B), gold("s3"));
        List<Sample> preds = List.of(
                pred("s1", List.of(A, B), List.of(0.9, 0.7)),
                pred("s2", List.of(A, B), List.of(0.6, 0.55)),
                pred("s3", List.of(B), List.of(0.3)));
        RelativeSweep rs = RelativeSweep.run(gold, preds, 0.1);
        assertThat(rs.points()).hasSize(12);
        assertThat(rs.points().get(0).best().groups().overall().pAtF1()).isCloseTo(2 / 3.0, within(1e-12));
        RelativeSweep.Point best = rs.best().orElseThrow();
        assertThat(best.relative()).isEqualTo(0.8);
        assertThat(best.best().threshold()).isEqualTo(0.35);
        assertThat(best.best().groups().overall().pAtF1()).isEqualTo(1.0);
        for (RelativeSweep.Point p : rs.points()) {
            double expected = p.relative() > 0.78 && p.relative() <= 0.92 ? 1.0 : 2 / 3.0;
            assertThat(p.best().groups().overall().pAtF1())
                    .as("relative %s", p.relative())
                    .isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void withoutScoresThereIsNoSweep() {
        List<Sample> gold = List.of(gold("s1", A));
        assertThat(RelativeSweep.run(gold, List.of(gold("s1", A)), 0.1).points())
                .isEmpty();
        assertThat(RelativeSweep.run(gold, List.of(gold("s1", A)), 0.1).best()).isEmpty();
    }

    /**
     * Against a brute force over the whole grid: for every relative threshold, every confidence threshold is
     * applied by hand (cut, {@link WeightedBoxFusion}, relative cut) and evaluated without any sweep; the
     * point's threshold must give the highest overall P@F1=1 there, and no lower threshold as high.
     */
    @Test
    void eachPointIsTheBestThresholdOfAnExhaustiveSearch() {
        qt().withFixedSeed(41).withExamples(8).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = EvalFixtures.gold(rnd, 25);
            List<Sample> raw = EvalFixtures.predictions(rnd, gold);
            RelativeSweep rs = RelativeSweep.run(gold, raw, 0.1);
            assertThat(rs.points()).hasSize(12);
            for (RelativeSweep.Point p : rs.points()) {
                double bestFigure = -1, bestT = -1;
                for (double t : ThresholdSweep.thresholds()) {
                    double f = Evaluator.evaluate(gold, byHand(raw, t, p.relative()))
                            .groups()
                            .overall()
                            .pAtF1();
                    if (f > bestFigure) {
                        bestFigure = f;
                        bestT = t;
                    }
                }
                assertThat(p.best().threshold()).as("relative %s", p.relative()).isEqualTo(bestT);
                assertThat(p.best().groups().overall().pAtF1()).isEqualTo(bestFigure);
            }
            double top = rs.best().orElseThrow().best().groups().overall().pAtF1();
            assertThat(rs.points())
                    .allSatisfy(
                            p -> assertThat(p.best().groups().overall().pAtF1()).isLessThanOrEqualTo(top));
        });
    }

    private static List<Sample> byHand(List<Sample> raw, double t, double r) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : raw) {
            List<ScoredBox> kept = new ArrayList<>();
            for (int i = 0; i < s.boxes().size(); i++) {
                if (s.scores().get(i) >= t) {
                    kept.add(new ScoredBox(s.boxes().get(i), s.scores().get(i)));
                }
            }
            List<ScoredBox> fused = WeightedBoxFusion.fuse(kept, 0.1);
            double top = fused.stream().mapToDouble(ScoredBox::score).max().orElse(0);
            List<Box> bx = new ArrayList<>();
            List<Double> sc = new ArrayList<>();
            for (ScoredBox b : fused) {
                if (b.score() >= r * top) {
                    bx.add(b.box());
                    sc.add(b.score());
                }
            }
            out.add(s.withBoxes(bx, sc));
        }
        return out;
    }
}

package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ground4j.eval.EvalFixtures.box;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);

    private static Sample gold(String id, String category, Box... boxes) {
        return new Sample(id, "img/" + id + ".png", "sentence " + id, List.of(boxes), null, category, "en");
    }

    private static Sample pred(String id, Box... boxes) {
        return Sample.gold(id, null, null, List.of(boxes));
    }

    private static Sample scored(String id, List<Box> boxes, List<Double> scores) {
        return new Sample(id, null, null, boxes, scores, null, null);
    }

    /**
     * Nine samples, every case of DESIGN.md section 5 once; the figures worked out by hand in the comments.
     * Per sample: success, CH-F1, mask IoU.
     */
    static List<Sample> handGold() {
        return List.of(
                gold("n1", null), // P empty: success
                gold("n2", "nodule"), // P = [A]: failure
                gold("s1", "effusion", A), // exact: success, 1, 1
                gold("s2", "effusion", A), // IoU 1/3, centre on border: fail, 1, 1/3
                gold("s3", "nodule", A), // A + B: fail, 2/3, 1/2
                gold("s4", "nodule", A), // no prediction line: fail, 0, 0
                gold("m1", "effusion", A, B), // exact, other order: success, 1, 1
                gold("m2", null, A, B), // IoU exactly 0.5 with A, B missed: fail, 2/3, 1/4
                gold("m3", null, box(0, 0, 1, 1), A)); // greedy trap: fail, 1, 1/2
    }

    static List<Sample> handPredictions() {
        return List.of(
                pred("n1"),
                pred("n2", A),
                pred("s1", A),
                pred("s2", box(0.25, 0, 0.75, 0.5)),
                pred("s3", A, B),
                pred("m1", B, A),
                pred("m2", box(0, 0, 0.25, 0.5)),
                pred("m3", A, B),
                pred("ghost", A)); // not in gold: warning
    }

    @Test
    void handComputedFiguresOfEveryGroup() {
        Evaluation ev = Evaluator.evaluate(handGold(), handPredictions());
        GroupFigures g = ev.groups();

        assertThat(g.no().n()).isEqualTo(2);
        assertThat(g.no().pAtF1()).isEqualTo(0.5);
        assertThat(g.no().nAcc()).isEqualTo(0.5);
        assertThat(g.no().chF1()).isNaN();

        assertThat(g.single().n()).isEqualTo(4);
        assertThat(g.single().pAtF1()).isEqualTo(0.25); // s1
        assertThat(g.single().nAcc()).isNaN();
        assertThat(g.single().chF1()).isCloseTo((1 + 1 + 2.0 / 3 + 0) / 4, EXACT); // 2/3
        assertThat(g.single().miou()).isCloseTo((1 + 1.0 / 3 + 0.5 + 0) / 4, EXACT); // 11/24
        assertThat(g.single().acc()).isEqualTo(0.5); // s1, s3 (IoU exactly 0.5)

        assertThat(g.multi().n()).isEqualTo(3);
        assertThat(g.multi().pAtF1()).isCloseTo(1.0 / 3, EXACT); // m1
        assertThat(g.multi().chF1()).isCloseTo((1 + 2.0 / 3 + 1) / 3, EXACT); // 8/9
        assertThat(g.multi().miou()).isCloseTo((1 + 0.25 + 0.5) / 3, EXACT); // 7/12
        assertThat(g.multi().acc()).isCloseTo(2.0 / 3, EXACT); // m1, m3

        assertThat(g.overall().n()).isEqualTo(9);
        assertThat(g.overall().pAtF1()).isCloseTo(3.0 / 9, EXACT); // n1, s1, m1
        assertThat(g.overall().nAcc()).isEqualTo(0.5);
        assertThat(g.overall().chF1()).isCloseTo(16.0 / 21, EXACT); // (8/3 + 8/3) / 7
        assertThat(g.overall().miou()).isCloseTo(43.0 / 84, EXACT); // (11/6 + 7/4) / 7
        assertThat(g.overall().acc()).isCloseTo(4.0 / 7, EXACT);
    }

    @Test
    void handComputedFiguresOfEveryCategory() {
        Evaluation ev = Evaluator.evaluate(handGold(), handPredictions());
        assertThat(ev.byCategory()).containsOnlyKeys("effusion", "nodule"); // n1, m2, m3 have none

        Figures effusion = ev.byCategory().get("effusion"); // s1, s2, m1
        assertThat(effusion.n()).isEqualTo(3);
        assertThat(effusion.pAtF1()).isCloseTo(2.0 / 3, EXACT);
        assertThat(effusion.nAcc()).isNaN();
        assertThat(effusion.chF1()).isEqualTo(1.0);
        assertThat(effusion.miou()).isCloseTo((1 + 1.0 / 3 + 1) / 3, EXACT);
        assertThat(effusion.acc()).isCloseTo(2.0 / 3, EXACT);

        Figures nodule = ev.byCategory().get("nodule"); // n2, s3, s4
        assertThat(nodule.n()).isEqualTo(3);
        assertThat(nodule.nNo()).isEqualTo(1);
        assertThat(nodule.pAtF1()).isZero();
        assertThat(nodule.nAcc()).isZero();
        assertThat(nodule.chF1()).isCloseTo(1.0 / 3, EXACT); // (2/3 + 0) / 2
        assertThat(nodule.miou()).isEqualTo(0.25);
        assertThat(nodule.acc()).isEqualTo(0.5);
    }

    @Test
    void missingAndUnknownPredictionsAreWarnedAboutAndNoSweepWithoutScores() {
        Evaluation ev = Evaluator.evaluate(handGold(), handPredictions());
        assertThat(ev.warnings())
                .containsExactly(
                        "1 of 9 gold samples had no prediction and counted as empty: s4",
                        "ignored 1 prediction with an id not in gold: ghost");
        assertThat(ev.sweep().isEmpty()).isTrue();
        assertThat(ev.sweep().best()).isEmpty();
    }

    @Test
    void warningsListTenIdsThenACount() {
        List<Sample> gold = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            gold.add(gold(String.format("g%02d", i), null));
        }
        Evaluation ev = Evaluator.evaluate(gold, List.of(pred("g00")));
        assertThat(ev.warnings())
                .containsExactly("12 of 13 gold samples had no prediction and counted as empty: "
                        + "g01, g02, g03, g04, g05, g06, g07, g08, g09, g10 ... and 2 more");
        assertThat(ev.groups().no().nAcc()).isEqualTo(1.0); // empty predictions are right for No samples
    }

    @Test
    void handComputedThresholdSweep() {
        // single sample: the gold box at 0.9 and a spurious box at 0.3; No sample: one box at 0.5
        List<Sample> gold = List.of(gold("a", null, A), gold("b", null));
        List<Sample> pred =
                List.of(scored("a", List.of(B, A), List.of(0.3, 0.9)), scored("b", List.of(A), List.of(0.5)));
        ThresholdSweep sweep = Evaluator.evaluate(gold, pred).sweep();

        assertThat(sweep.points())
                .extracting(SweepPoint::threshold)
                .containsExactly(
                        0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
                        0.9, 0.95);
        double[] expectedOverall = new double[19];
        for (int k = 0; k < 19; k++) {
            double t = (k + 1) / 20.0;
            boolean aSucceeds = t > 0.3 && t <= 0.9; // spurious box dropped, gold box kept (>= is inclusive)
            boolean bSucceeds = t > 0.5;
            expectedOverall[k] = ((aSucceeds ? 1 : 0) + (bSucceeds ? 1 : 0)) / 2.0;
        }
        assertThat(sweep.points())
                .extracting(p -> p.groups().overall().pAtF1())
                .containsExactly(boxed(expectedOverall));
        SweepPoint at30 = sweep.points().get(5),
                at35 = sweep.points().get(6),
                at95 = sweep.points().get(18);
        assertThat(at30.groups().single().chF1()).isCloseTo(2.0 / 3, EXACT);
        assertThat(at30.groups().single().miou()).isEqualTo(0.5);
        assertThat(at35.groups().single().chF1()).isEqualTo(1.0);
        assertThat(at95.groups().single().chF1()).isZero();
        assertThat(sweep.points().get(9).groups().no().nAcc()).isZero(); // 0.50: the 0.5 box is kept
        assertThat(sweep.points().get(10).groups().no().nAcc()).isEqualTo(1.0);
        assertThat(sweep.best()).get().extracting(SweepPoint::threshold).isEqualTo(0.55); // lowest of 0.55..0.90
    }

    @Test
    void sweepCanBeSkippedWithTheSameFigures() {
        List<Sample> gold = List.of(gold("a", null, A), gold("b", null));
        List<Sample> pred =
                List.of(scored("a", List.of(B, A), List.of(0.3, 0.9)), scored("b", List.of(A), List.of(0.5)));
        Evaluation full = Evaluator.evaluate(gold, pred);
        Evaluation bare = Evaluator.evaluate(gold, pred, false);
        assertThat(full.sweep().points()).hasSize(ThresholdSweep.STEPS);
        assertThat(bare.sweep().isEmpty()).isTrue();
        assertThat(bare.warnings()).isEmpty();
        assertThat(bare.groups()).isEqualTo(full.groups());
        assertThat(bare.byPlacement()).isEqualTo(full.byPlacement());
        assertThat(bare.groups().overall().pAtF1()).isZero(); // a keeps the spurious box, b keeps its box
    }

    @Test
    void sweepIsSkippedWithAWarningWhenSomeBoxesCarryNoScore() {
        List<Sample> gold = List.of(gold("a", null, A), gold("b", null, A));
        List<Sample> pred = List.of(scored("a", List.of(A), List.of(0.9)), pred("b", A));
        Evaluation ev = Evaluator.evaluate(gold, pred);
        assertThat(ev.sweep().isEmpty()).isTrue();
        assertThat(ev.warnings()).containsExactly("threshold sweep skipped: 1 prediction with boxes but no scores: b");
        assertThat(ev.groups().single().pAtF1()).isEqualTo(1.0);
    }

    @Test
    void rejectsNoGoldAndDuplicateIds() {
        assertThatThrownBy(() -> Evaluator.evaluate(List.of(), List.of(pred("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no gold samples");
        assertThatThrownBy(() -> Evaluator.evaluate(List.of(gold("a", null), gold("a", null)), List.of()))
                .hasMessage("duplicate gold id \"a\"");
        assertThatThrownBy(() -> Evaluator.evaluate(List.of(gold("a", null)), List.of(pred("a"), pred("a"))))
                .hasMessage("duplicate prediction id \"a\"");
    }

    @Test
    void perfectPredictionsScoreOneEverywhere() {
        qt().withFixedSeed(41).withExamples(60).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = EvalFixtures.gold(rnd, 1 + rnd.nextInt(60));
            List<Sample> pred = new ArrayList<>();
            for (Sample g : gold) {
                List<Double> scores = new ArrayList<>();
                g.boxes().forEach(b -> scores.add(0.95 + 0.05 * rnd.nextDouble()));
                pred.add(g.withBoxes(g.boxes(), scores));
            }
            Evaluation ev = Evaluator.evaluate(gold, pred);
            List<Figures> all = new ArrayList<>(List.of(
                    ev.groups().no(),
                    ev.groups().single(),
                    ev.groups().multi(),
                    ev.groups().overall()));
            all.addAll(ev.byCategory().values());
            ev.sweep()
                    .points()
                    .forEach(p -> all.addAll(List.of(
                            p.groups().no(),
                            p.groups().single(),
                            p.groups().multi(),
                            p.groups().overall())));
            for (Figures f : all) {
                assertDefinedFigures(f, 1.0, 1.0);
            }
            assertThat(ev.sweep().points()).hasSize(ThresholdSweep.STEPS);
            assertThat(ev.sweep().best())
                    .get()
                    .extracting(SweepPoint::threshold)
                    .isEqualTo(0.05);
            assertThat(ev.warnings()).isEmpty();
        });
    }

    @Test
    void emptyPredictionsScoreNAccOneAndZeroElsewhere() {
        qt().withFixedSeed(42).withExamples(60).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = EvalFixtures.gold(rnd, 1 + rnd.nextInt(60));
            List<Sample> pred =
                    gold.stream().map(g -> g.withBoxes(List.of(), null)).toList();
            Evaluation ev = Evaluator.evaluate(gold, pred);
            GroupFigures g = ev.groups();
            if (g.no().n() > 0) {
                assertThat(g.no().nAcc()).isEqualTo(1.0);
                assertThat(g.no().pAtF1()).isEqualTo(1.0);
            }
            assertDefinedFigures(g.single(), 0.0, Double.NaN);
            assertDefinedFigures(g.multi(), 0.0, Double.NaN);
            // Overall P@F1=1 counts the No samples, which an empty prediction gets right
            assertThat(g.overall().pAtF1())
                    .isCloseTo((double) g.no().n() / g.overall().n(), EXACT);
            if (g.overall().nBoxed() > 0) {
                assertThat(g.overall().chF1()).isZero();
                assertThat(g.overall().miou()).isZero();
                assertThat(g.overall().acc()).isZero();
            }
        });
    }

    @Test
    void resultsDoNotDependOnTheOrderOfLinesOrBoxes() {
        qt().withFixedSeed(43).withExamples(60).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = EvalFixtures.gold(rnd, 1 + rnd.nextInt(80));
            List<Sample> pred = EvalFixtures.predictions(rnd, gold);
            Evaluation ev = Evaluator.evaluate(gold, pred);
            Evaluation again = Evaluator.evaluate(EvalFixtures.shuffled(rnd, gold), EvalFixtures.shuffled(rnd, pred));
            assertThat(again).isEqualTo(ev);
            assertThat(ev.sweep().points()).hasSize(ThresholdSweep.STEPS);
        });
    }

    @Test
    void sweepPointEqualsEvaluatingTheFilteredPredictions() {
        qt().withFixedSeed(44).withExamples(30).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = EvalFixtures.gold(rnd, 1 + rnd.nextInt(50));
            List<Sample> pred = EvalFixtures.predictions(rnd, gold);
            ThresholdSweep sweep = Evaluator.evaluate(gold, pred).sweep();
            for (SweepPoint p : sweep.points()) {
                List<Sample> kept = new ArrayList<>();
                for (Sample s : pred) {
                    List<Box> boxes = new ArrayList<>();
                    for (int i = 0; i < s.boxes().size(); i++) {
                        if (s.scores().get(i) >= p.threshold()) {
                            boxes.add(s.boxes().get(i));
                        }
                    }
                    kept.add(s.withBoxes(boxes, null));
                }
                assertThat(p.groups())
                        .as("threshold %s", p.threshold())
                        .isEqualTo(Evaluator.evaluate(gold, kept).groups());
            }
        });
    }

    /** Every figure that has samples to define it equals {@code value}; N-Acc equals {@code nAcc}. */
    private static void assertDefinedFigures(Figures f, double value, double nAcc) {
        if (f.n() > 0) {
            assertThat(f.pAtF1()).isEqualTo(value);
        }
        if (f.nNo() > 0 && !Double.isNaN(nAcc)) {
            assertThat(f.nAcc()).isEqualTo(nAcc);
        }
        if (f.nBoxed() > 0) {
            assertThat(f.chF1()).isEqualTo(value);
            assertThat(f.miou()).isEqualTo(value);
            assertThat(f.acc()).isEqualTo(value);
        }
    }

    private static Double[] boxed(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}

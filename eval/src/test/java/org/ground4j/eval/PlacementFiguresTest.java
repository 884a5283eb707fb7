package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ground4j.eval.EvalFixtures.box;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.synth.Category;
import org.ground4j.core.synth.Category.Placement;
import org.junit.jupiter.api.Test;

/** Figures by placement group: anchored and free-position SynthCXR findings. */
class PlacementFiguresTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);

    private static Sample gold(String id, String category, Box... boxes) {
        return new Sample(id, "img/" + id + ".png", "sentence " + id, List.of(boxes), null, category, "en");
    }

    private static Sample pred(String id, Box... boxes) {
        List<Double> scores = new ArrayList<>();
        for (Box b : boxes) {
            scores.add(b == B && id.equals("a4") ? 0.2 : 0.9);
        }
        return new Sample(id, null, null, List.of(boxes), scores, null, null);
    }

    /** Per sample: success, CH-F1, mask IoU, worked out by hand. */
    static List<Sample> handGold() {
        return List.of(
                gold("a1", "pleural effusion", A), // exact: success, 1, 1
                gold("a2", "cardiomegaly", A), // B: fail, 0, 0
                gold("a3", "pneumothorax", A, B), // exact: success, 1, 1
                gold("a4", "atelectasis"), // no box in gold, B at 0.2: fail (success from 0.25)
                gold("f1", "nodule", A), // IoU 1/3, centre on A's border: fail, 1, 1/3
                gold("f2", "opacity", A), // no prediction line: fail, 0, 0
                gold("f3", "consolidation", A, B), // A only: fail, 2/3, 1/2
                gold("x1", "negation"), // zero-box kind: in neither group
                gold("x2", "aortic elongation", A), // not a SynthCXR label: in neither group
                gold("x3", null)); // no category: in neither group
    }

    static List<Sample> handPredictions() {
        return List.of(
                pred("a1", A),
                pred("a2", B),
                pred("a3", B, A),
                pred("a4", B),
                pred("f1", box(0.25, 0, 0.75, 0.5)),
                pred("f3", A),
                pred("x1", A),
                pred("x2", A),
                pred("x3"));
    }

    @Test
    void handComputedFiguresOfBothGroups() {
        Evaluation ev = Evaluator.evaluate(handGold(), handPredictions());
        assertThat(ev.groups().overall().n()).isEqualTo(10);

        GroupFigures anchored = ev.byPlacement().anchored();
        assertThat(anchored.overall().n()).isEqualTo(4);
        assertThat(anchored.no().n()).isEqualTo(1);
        assertThat(anchored.no().nAcc()).isZero();
        assertThat(anchored.single().n()).isEqualTo(2);
        assertThat(anchored.single().pAtF1()).isEqualTo(0.5); // a1
        assertThat(anchored.single().chF1()).isEqualTo(0.5);
        assertThat(anchored.single().miou()).isEqualTo(0.5);
        assertThat(anchored.multi().n()).isEqualTo(1);
        assertThat(anchored.multi().pAtF1()).isEqualTo(1.0); // a3
        assertThat(anchored.overall().pAtF1()).isEqualTo(0.5); // a1, a3
        assertThat(anchored.overall().chF1()).isCloseTo(2.0 / 3, EXACT); // (1 + 0 + 1) / 3
        assertThat(anchored.overall().miou()).isCloseTo(2.0 / 3, EXACT);
        assertThat(anchored.overall().acc()).isCloseTo(2.0 / 3, EXACT);

        GroupFigures free = ev.byPlacement().get("free");
        assertThat(free.overall().n()).isEqualTo(3);
        assertThat(free.no().n()).isZero();
        assertThat(free.no().nAcc()).isNaN();
        assertThat(free.single().n()).isEqualTo(2);
        assertThat(free.single().pAtF1()).isZero();
        assertThat(free.single().chF1()).isEqualTo(0.5); // (1 + 0) / 2
        assertThat(free.single().miou()).isCloseTo(1.0 / 6, EXACT); // (1/3 + 0) / 2
        assertThat(free.multi().chF1()).isCloseTo(2.0 / 3, EXACT);
        assertThat(free.multi().miou()).isEqualTo(0.5);
        assertThat(free.multi().acc()).isEqualTo(1.0); // mask IoU exactly 0.5
        assertThat(free.overall().pAtF1()).isZero();
        assertThat(free.overall().chF1()).isCloseTo(5.0 / 9, EXACT); // (1 + 0 + 2/3) / 3
        assertThat(free.overall().miou()).isCloseTo(5.0 / 18, EXACT); // (1/3 + 0 + 1/2) / 3
        assertThat(free.overall().acc()).isCloseTo(1.0 / 3, EXACT);
    }

    @Test
    void everySweepPointHasItsPlacementFigures() {
        ThresholdSweep sweep = Evaluator.evaluate(handGold(), handPredictions()).sweep();
        assertThat(sweep.points()).hasSize(ThresholdSweep.STEPS);
        SweepPoint at020 = sweep.points().get(3);
        SweepPoint at025 = sweep.points().get(4);
        assertThat(at020.threshold()).isEqualTo(0.2);
        assertThat(at020.byPlacement().anchored().overall().pAtF1()).isEqualTo(0.5); // a4's box 0.2 kept
        assertThat(at025.byPlacement().anchored().overall().pAtF1()).isEqualTo(0.75); // dropped: a4 succeeds
        assertThat(at025.byPlacement().anchored().no().nAcc()).isEqualTo(1.0);
        assertThat(at025.byPlacement().free().overall().pAtF1()).isZero();
        assertThat(at025.byPlacement().free().overall().n()).isEqualTo(3);
    }

    @Test
    void theExampleFilesSplitIntoEightAnchoredAndFiveFree() throws Exception {
        PlacementFigures p = EvalFiles.evaluate(
                        ExampleFilesTest.example("gold.jsonl"), ExampleFilesTest.example("pred.jsonl"))
                .byPlacement();
        // anchored: ex01 ex03 ex04 (no), ex06 ex08 ex11 (single), ex09 ex12 (multi); succeed ex01 ex04 ex06 ex11 ex09
        assertThat(p.anchored().overall().n()).isEqualTo(8);
        assertThat(p.anchored().overall().pAtF1()).isEqualTo(5.0 / 8);
        assertThat(p.anchored().no().nAcc()).isEqualTo(2.0 / 3);
        assertThat(p.anchored().single().pAtF1()).isEqualTo(2.0 / 3);
        assertThat(p.anchored().multi().pAtF1()).isEqualTo(0.5);
        // free: ex14 (no, no prediction: empty), ex05 ex07 ex13 (single), ex10 (multi); succeed ex14 ex05
        assertThat(p.free().overall().n()).isEqualTo(5);
        assertThat(p.free().overall().pAtF1()).isEqualTo(2.0 / 5);
        assertThat(p.free().single().pAtF1()).isEqualTo(1.0 / 3);
        assertThat(p.free().multi().pAtF1()).isZero();
    }

    @Test
    void onlySynthCxrFindingLabelsHaveAPlacement() {
        assertThat(PlacementFigures.placementOf("pleural effusion")).contains(Placement.ANCHORED);
        assertThat(PlacementFigures.placementOf("nodule")).contains(Placement.FREE);
        assertThat(PlacementFigures.placementOf("negation")).isEmpty();
        assertThat(PlacementFigures.placementOf("aortic elongation")).isEmpty();
        assertThat(PlacementFigures.placementOf("Nodule")).isEmpty();
        assertThat(PlacementFigures.placementOf(null)).isEmpty();
        for (Category c : Category.values()) {
            assertThat(PlacementFigures.placementOf(c.label()))
                    .as(c.label())
                    .isEqualTo(c.isFinding() ? java.util.Optional.of(c.placement()) : java.util.Optional.empty());
        }
        assertThat(PlacementFigures.labels(Placement.FREE)).isEqualTo("opacity, consolidation, nodule");
        assertThatThrownBy(() -> PlacementFigures.empty().get("anywhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anchored or free");
    }

    /** Mixed labels: SynthCXR findings, zero-box kinds, another dataset's labels and none. */
    private static final List<String> LABELS = Arrays.asList(
            "opacity",
            "consolidation",
            "nodule",
            "atelectasis",
            "pleural effusion",
            "pneumothorax",
            "cardiomegaly",
            "negation",
            "normal",
            "aortic elongation",
            null);

    @Test
    void aPlacementGroupHasTheFiguresOfItsSamplesEvaluatedAlone() {
        qt().withFixedSeed(45).withExamples(40).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = new ArrayList<>();
            for (Sample g : EvalFixtures.gold(rnd, 1 + rnd.nextInt(60))) {
                gold.add(new Sample(
                        g.id(),
                        g.image(),
                        g.sentence(),
                        g.boxes(),
                        null,
                        LABELS.get(rnd.nextInt(LABELS.size())),
                        g.lang()));
            }
            List<Sample> pred = EvalFixtures.predictions(rnd, gold);
            Evaluation ev = Evaluator.evaluate(gold, pred);
            int grouped = 0;
            for (Placement p : List.of(Placement.ANCHORED, Placement.FREE)) {
                List<Sample> subset = gold.stream()
                        .filter(g -> PlacementFigures.placementOf(g.category()).orElse(null) == p)
                        .toList();
                GroupFigures figures = ev.byPlacement().get(p == Placement.ANCHORED ? "anchored" : "free");
                grouped += figures.overall().n();
                if (subset.isEmpty()) {
                    assertThat(figures.overall().n()).isZero();
                    continue;
                }
                Evaluation alone = Evaluator.evaluate(subset, pred);
                assertThat(figures).isEqualTo(alone.groups());
                for (int k = 0; k < alone.sweep().points().size(); k++) {
                    assertThat(ev.sweep()
                                    .points()
                                    .get(k)
                                    .byPlacement()
                                    .get(p == Placement.ANCHORED ? "anchored" : "free"))
                            .isEqualTo(alone.sweep().points().get(k).groups());
                }
            }
            assertThat(grouped).isLessThanOrEqualTo(ev.groups().overall().n());
        });
    }
}

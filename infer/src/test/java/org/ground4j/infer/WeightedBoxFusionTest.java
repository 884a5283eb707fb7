package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class WeightedBoxFusionTest {

    /** Boxes of typical grounding size, clustered around a few centres so that fusion has work to do. */
    static Gen<ScoredBox> scoredBoxes() {
        Gen<Double> centre = SourceDSL.integers().between(0, 3).map(k -> 0.15 + 0.23 * k);
        Gen<Double> jitter = SourceDSL.doubles().between(-0.08, 0.08);
        Gen<Double> size = SourceDSL.doubles().between(0.0, 0.3);
        Gen<Double> score = SourceDSL.doubles().between(0.01, 1);
        return centre.zip(centre, jitter, jitter, (cx, cy, jx, jy) -> new double[] {cx + jx, cy + jy})
                .zip(
                        size,
                        size,
                        score,
                        (c, w, h, s) ->
                                new ScoredBox(Box.fromCxCyWh(c[0], c[1], w, h).clamp(), s));
    }

    static Gen<List<ScoredBox>> lists() {
        return SourceDSL.lists().of(scoredBoxes()).ofSizeBetween(0, 25);
    }

    static Gen<Double> thresholds() {
        return SourceDSL.doubles().between(0, 0.9);
    }

    @Test
    void handComputedTwoClusters() {
        ScoredBox a = new ScoredBox(new Box(0.10, 0.10, 0.30, 0.30), 0.9);
        ScoredBox b = new ScoredBox(new Box(0.12, 0.10, 0.32, 0.30), 0.7);
        ScoredBox c = new ScoredBox(new Box(0.70, 0.70, 0.90, 0.90), 0.8);
        List<ScoredBox> fused = WeightedBoxFusion.fuse(List.of(c, b, a), 0.1);
        assertThat(fused).hasSize(2);
        // cluster {a, b}: score mean 0.8, x1 = (0.9*0.10 + 0.7*0.12)/1.6, x2 = (0.9*0.30 + 0.7*0.32)/1.6
        ScoredBox ab =
                fused.stream().filter(f -> f.box().x1() < 0.5).findFirst().orElseThrow();
        assertThat(ab.score()).isCloseTo(0.8, within(1e-12));
        assertThat(ab.box().x1()).isCloseTo((0.9 * 0.10 + 0.7 * 0.12) / 1.6, within(1e-12));
        assertThat(ab.box().x2()).isCloseTo((0.9 * 0.30 + 0.7 * 0.32) / 1.6, within(1e-12));
        assertThat(ab.box().y1()).isCloseTo(0.10, within(1e-12));
        ScoredBox cc =
                fused.stream().filter(f -> f.box().x1() > 0.5).findFirst().orElseThrow();
        assertThat(cc).isEqualTo(c);
    }

    @Test
    void joinsTheClusterWithTheHighestIouAndOnlyAboveTheThreshold() {
        ScoredBox left = new ScoredBox(new Box(0.0, 0.0, 0.4, 0.4), 0.9);
        ScoredBox right = new ScoredBox(new Box(0.3, 0.0, 0.7, 0.4), 0.85);
        // IoU(left, right) = 0.04*... : intersection 0.1*0.4 = 0.04, union 0.32 - 0.04 = 0.28 -> 1/7 > 0.1
        assertThat(WeightedBoxFusion.fuse(List.of(left, right), 0.1)).hasSize(1);
        assertThat(WeightedBoxFusion.fuse(List.of(left, right), 0.2)).hasSize(2);
        // exactly at the threshold does not join (strictly greater)
        assertThat(WeightedBoxFusion.fuse(List.of(left, right), left.box().iou(right.box())))
                .hasSize(2);
        // a third box overlapping right more than left joins right's cluster
        ScoredBox third = new ScoredBox(new Box(0.32, 0.0, 0.72, 0.4), 0.5);
        var clusters = WeightedBoxFusion.cluster(List.of(left, right, third), 0.2);
        assertThat(clusters).hasSize(2);
        assertThat(clusters.get(1).members()).containsExactly(right, third);
    }

    @Test
    void skipsZeroAreaBoxesAndSortsByScore() {
        List<ScoredBox> fused = WeightedBoxFusion.fuse(
                List.of(
                        new ScoredBox(new Box(0.5, 0.1, 0.5, 0.4), 0.99),
                        new ScoredBox(new Box(0.1, 0.1, 0.2, 0.2), 0.3),
                        new ScoredBox(new Box(0.6, 0.6, 0.9, 0.9), 0.6)),
                0.1);
        assertThat(fused).extracting(ScoredBox::score).containsExactly(0.6, 0.3);
        assertThatThrownBy(() -> WeightedBoxFusion.fuse(List.of(), 1.5)).hasMessageContaining("1.5");
    }

    @Test
    void everyInputBoxLandsInExactlyOneCluster() {
        qt().withFixedSeed(21).forAll(lists(), thresholds()).checkAssert((boxes, thr) -> {
            List<ScoredBox> members = new ArrayList<>();
            WeightedBoxFusion.cluster(boxes, thr).forEach(c -> members.addAll(c.members()));
            List<ScoredBox> nonEmpty =
                    boxes.stream().filter(b -> !b.box().isEmpty()).toList();
            assertThat(members).containsExactlyInAnyOrderElementsOf(nonEmpty);
        });
    }

    @Test
    void fusedBoxLiesInsideItsMembersBoundingBoxWithTheMeanScore() {
        qt().withFixedSeed(22).forAll(lists(), thresholds()).checkAssert((boxes, thr) -> {
            for (var c : WeightedBoxFusion.cluster(boxes, thr)) {
                Box hull = c.members().get(0).box();
                double sum = 0;
                for (ScoredBox m : c.members()) {
                    hull = hull.enclosing(m.box());
                    sum += m.score();
                }
                Box f = c.fused().box();
                assertThat(f.x1()).isGreaterThanOrEqualTo(hull.x1() - 1e-12);
                assertThat(f.y1()).isGreaterThanOrEqualTo(hull.y1() - 1e-12);
                assertThat(f.x2()).isLessThanOrEqualTo(hull.x2() + 1e-12);
                assertThat(f.y2()).isLessThanOrEqualTo(hull.y2() + 1e-12);
                assertThat(c.fused().score()).isCloseTo(sum / c.members().size(), within(1e-12));
            }
        });
    }

    @Test
    void outputIsSortedByDescendingScore() {
        qt().withFixedSeed(23).forAll(lists(), thresholds()).check((boxes, thr) -> {
            List<ScoredBox> f = WeightedBoxFusion.fuse(boxes, thr);
            for (int i = 1; i < f.size(); i++) {
                if (f.get(i).score() > f.get(i - 1).score()) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void idempotentWhenNoTwoBoxesOverlapAboveTheThreshold() {
        qt().withFixedSeed(24).forAll(lists(), thresholds()).checkAssert((boxes, thr) -> {
            List<ScoredBox> once = WeightedBoxFusion.fuse(boxes, thr);
            boolean separated = true;
            for (int i = 0; i < once.size(); i++) {
                for (int j = i + 1; j < once.size(); j++) {
                    separated &= once.get(i).box().iou(once.get(j).box()) <= thr;
                }
            }
            if (separated) {
                assertThat(WeightedBoxFusion.fuse(once, thr)).containsExactlyElementsOf(once);
            }
            // and input that is already separated comes back unchanged (as a set)
            List<ScoredBox> disjoint = new ArrayList<>();
            for (ScoredBox b : boxes) {
                if (!b.box().isEmpty()
                        && disjoint.stream().allMatch(d -> d.box().iou(b.box()) <= thr)) {
                    disjoint.add(b);
                }
            }
            Collections.shuffle(disjoint, new java.util.Random(1));
            assertThat(WeightedBoxFusion.fuse(disjoint, thr)).containsExactlyInAnyOrderElementsOf(disjoint);
        });
    }
}

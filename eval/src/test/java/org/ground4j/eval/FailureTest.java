package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.ground4j.eval.EvalFixtures.box;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

class FailureTest {

    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);
    /** Centred on A (centre 0.25, 0.25) but IoU 0.0625 / 0.25 = 0.25 with it. */
    private static final Box A_LOOSE = box(0.125, 0.125, 0.375, 0.375);

    private static Failure of(List<Box> gold, List<Box> predicted) {
        return Failure.of(SampleScorer.score(gold, predicted));
    }

    @Test
    void eachKindByHand() {
        assertThat(of(List.of(), List.of())).isEqualTo(Failure.NONE);
        assertThat(of(List.of(A), List.of(A))).isEqualTo(Failure.NONE);
        assertThat(of(List.of(), List.of(A))).isEqualTo(Failure.BOXES_ON_NO);
        assertThat(of(List.of(A), List.of())).isEqualTo(Failure.NO_BOX);
        assertThat(of(List.of(A), List.of(A, B))).isEqualTo(Failure.EXTRA_BOXES);
        assertThat(of(List.of(A), List.of(A, A_LOOSE))).isEqualTo(Failure.EXTRA_BOXES); // a duplicate
        assertThat(of(List.of(A, B), List.of(B))).isEqualTo(Failure.MISSED_BOXES);
        assertThat(of(List.of(A), List.of(A_LOOSE))).isEqualTo(Failure.LOOSE_BOX);
        assertThat(of(List.of(A), List.of(B))).isEqualTo(Failure.WRONG_PLACE);
        // one gold box found, the other missed, and a box elsewhere: not only extra, not only missed
        Box c = box(0.5, 0, 1, 0.5);
        assertThat(of(List.of(A, B), List.of(A, c))).isEqualTo(Failure.WRONG_PLACE);
        assertThat(of(List.of(A, B), List.of(A, c, box(0.625, 0.625, 0.875, 0.875))))
                .isEqualTo(Failure.LOOSE_BOX);
    }

    /**
     * The two count kinds against their meaning, by brute force over subsets of the predicted boxes: extra boxes
     * means some |G| of the predicted boxes would succeed on their own; missed boxes means the predicted boxes
     * would succeed against some |P| of the gold boxes.
     */
    @Test
    void extraAndMissedMeanThatDroppingBoxesWouldSucceed() {
        Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        qt().withFixedSeed(41).withExamples(600).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Box> g = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) {
                g.add(EvalFixtures.randomBox(rnd, 0.05));
            }
            List<Box> p = new ArrayList<>();
            g.forEach(b -> {
                if (rnd.nextInt(4) != 0) {
                    p.add(EvalFixtures.jitter(rnd, b, rnd.nextBoolean() ? 0.1 : 0.5));
                }
            });
            for (int i = rnd.nextInt(3); i > 0; i--) {
                p.add(EvalFixtures.randomBox(rnd, 0.05));
            }
            Failure kind = of(g, p);
            seen.merge(kind, 1, Integer::sum);
            boolean success = SampleScorer.score(g, p).success();
            assertThat(kind == Failure.NONE).isEqualTo(success);
            boolean extra = !success && !g.isEmpty() && someSubsetSucceeds(p, g);
            boolean missed = !success && !p.isEmpty() && someSubsetSucceeds(g, p);
            assertThat(kind == Failure.EXTRA_BOXES).as("extra boxes").isEqualTo(extra);
            assertThat(kind == Failure.MISSED_BOXES).as("missed boxes").isEqualTo(missed);
        });
        assertThat(seen.keySet()).as("every kind exercised").containsAll(List.of(Failure.values()));
    }

    @Test
    void evaluationCountsEverySampleOnceAndRightOnesAreTheSuccesses() {
        qt().withFixedSeed(42).withExamples(30).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Sample> gold = EvalFixtures.gold(rnd, 50 + rnd.nextInt(100));
            Evaluation ev = Evaluator.evaluate(gold, EvalFixtures.predictions(rnd, gold));
            Failures f = ev.failures();
            assertThat(f.overall().n()).isEqualTo(gold.size());
            assertThat((double) f.overall().count(Failure.NONE) / gold.size())
                    .isEqualTo(ev.groups().overall().pAtF1());
            assertThat(f.overall().count(Failure.BOXES_ON_NO))
                    .isEqualTo(ev.groups().no().n()
                            - Math.round(
                                    ev.groups().no().nAcc() * ev.groups().no().n()));
            ev.byCategory().forEach((c, figures) -> {
                assertThat(f.byCategory().get(c).n()).isEqualTo(figures.n());
                assertThat(f.byCategory().get(c).count(Failure.NONE))
                        .isEqualTo(Math.round(figures.pAtF1() * figures.n()));
            });
            // the fixtures' SynthCXR labels: nodule and opacity are free-position, cardiomegaly anchored
            assertThat(f.free()).isEqualTo(sum(f, "nodule", "opacity"));
            assertThat(f.anchored()).isEqualTo(sum(f, "cardiomegaly"));
        });
    }

    @Test
    void countsRejectAWrongShape() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FailureCounts(new int[3]))
                .withMessageContaining("one count per kind");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FailureCounts(new int[] {1, 0, 0, -1, 0, 0, 0}))
                .withMessageContaining(">= 0");
        assertThat(new FailureCounts(new int[7]).share(Failure.NONE)).isNaN();
    }

    private static FailureCounts sum(Failures f, String... categories) {
        int[] total = new int[Failure.values().length];
        for (String c : categories) {
            int[] counts = f.byCategory()
                    .getOrDefault(c, new FailureCounts(new int[total.length]))
                    .counts();
            for (int k = 0; k < total.length; k++) {
                total[k] += counts[k];
            }
        }
        return new FailureCounts(total);
    }

    /** Whether some |small| boxes of {@code big} succeed against {@code small} (P@F1=1 between them). */
    private static boolean someSubsetSucceeds(List<Box> big, List<Box> small) {
        if (big.size() <= small.size()) {
            return false;
        }
        int n = big.size();
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != small.size()) {
                continue;
            }
            List<Box> subset = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(big.get(i));
                }
            }
            if (SampleScorer.score(small, subset).success()) {
                return true;
            }
        }
        return false;
    }
}

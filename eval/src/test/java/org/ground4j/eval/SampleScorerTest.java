package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ground4j.eval.EvalFixtures.box;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

class SampleScorerTest {

    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);

    @Test
    void exactPredictionSucceedsWithEveryFigureOne() {
        SampleOutcome o = SampleScorer.score(List.of(A), List.of(A));
        assertThat(o).isEqualTo(new SampleOutcome(1, 1, 1, 1, 1.0));
        assertThat(o.success()).isTrue();
        assertThat(o.chF1()).isEqualTo(1.0);
        assertThat(o.maskHit()).isTrue();
    }

    @Test
    void iouOfExactlyHalfCountsAsTruePositive() {
        // [0,0.25]x[0,0.5] inside A: intersection 0.125, union 0.25 -> IoU 0.5 exactly
        SampleOutcome o = SampleScorer.score(List.of(A), List.of(box(0, 0, 0.25, 0.5)));
        assertThat(o.iouMatches()).isEqualTo(1);
        assertThat(o.success()).isTrue();
        assertThat(o.maskIou()).isEqualTo(0.5);
        assertThat(o.maskHit()).isTrue();
    }

    @Test
    void iouBelowHalfFailsButCentreOnTheBorderStillHits() {
        // shifted right by half a width: IoU 0.125 / 0.375 = 1/3; centre (0.5, 0.25) on A's right border
        SampleOutcome o = SampleScorer.score(List.of(A), List.of(box(0.25, 0, 0.75, 0.5)));
        assertThat(o.iouMatches()).isZero();
        assertThat(o.success()).isFalse();
        assertThat(o.centreMatches()).isEqualTo(1);
        assertThat(o.chF1()).isEqualTo(1.0);
        assertThat(o.maskIou()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(o.maskHit()).isFalse();
    }

    @Test
    void extraPredictionIsAFalsePositive() {
        SampleOutcome o = SampleScorer.score(List.of(A), List.of(A, B));
        assertThat(o.iouMatches()).isEqualTo(1);
        assertThat(o.success()).isFalse();
        assertThat(o.chF1()).isCloseTo(2.0 / 3, within(1e-15)); // 2 * 1 / (2 + 1)
        assertThat(o.maskIou()).isEqualTo(0.5); // 0.25 / 0.5
    }

    @Test
    void noGoldBoxSucceedsOnlyWithNoPrediction() {
        assertThat(SampleScorer.score(List.of(), List.of()).success()).isTrue();
        SampleOutcome fp = SampleScorer.score(List.of(), List.of(A));
        assertThat(fp.success()).isFalse();
        assertThat(fp.chF1()).isNaN();
        assertThat(fp.maskIou()).isZero();
    }

    @Test
    void emptyPredictionScoresZeroOnASampleWithBoxes() {
        SampleOutcome o = SampleScorer.score(List.of(A, B), List.of());
        assertThat(o).isEqualTo(new SampleOutcome(0, 2, 0, 0, 0.0));
        assertThat(o.chF1()).isZero();
    }

    @Test
    void matchingIsMaximumWhereGreedyWouldFail() {
        // p1's centre lies in both gold boxes, p2's only in the big one: greedy p1->big leaves p2 unmatched
        Box big = box(0, 0, 1, 1);
        Box small = box(0, 0, 0.5, 0.5);
        SampleOutcome o = SampleScorer.score(List.of(big, small), List.of(A, B));
        assertThat(o.centreMatches()).isEqualTo(2);
        assertThat(o.chF1()).isEqualTo(1.0);
        assertThat(o.iouMatches()).isEqualTo(1); // only A-small reaches IoU 0.5
        assertThat(o.success()).isFalse();
        assertThat(o.maskIou()).isEqualTo(0.5); // union of P covers half of the image
    }

    @Test
    void maximumMatchingEqualsBruteForce() {
        qt().withFixedSeed(31).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Box> p = boxes(rnd, rnd.nextInt(6));
            List<Box> g = boxes(rnd, rnd.nextInt(6));
            BiPredicate<Box, Box> overlap = (a, b) -> a.iou(b) >= 0.1;
            assertThat(SampleScorer.maximumMatching(p, g, overlap)).isEqualTo(bruteForce(p, g, overlap, 0, 0L));
            assertThat(SampleScorer.maximumMatching(p, g, Box::centreInside))
                    .isEqualTo(bruteForce(p, g, Box::centreInside, 0, 0L));
        });
    }

    @Test
    void successImpliesCentreHitF1OfOne() {
        int[] successes = {0};
        qt().withFixedSeed(32).withExamples(500).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Box> g = boxes(rnd, 1 + rnd.nextInt(4));
            List<Box> p = new ArrayList<>();
            g.forEach(b -> p.add(EvalFixtures.jitter(rnd, b, 0.25)));
            SampleOutcome o = SampleScorer.score(g, p);
            if (o.success()) {
                successes[0]++;
                assertThat(o.chF1()).isEqualTo(1.0);
            }
        });
        assertThat(successes[0]).as("the property must be exercised").isGreaterThan(100);
    }

    @Test
    void outcomeDoesNotDependOnTheOrderOfBoxes() {
        qt().withFixedSeed(33).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Box> g = boxes(rnd, rnd.nextInt(5));
            List<Box> p = new ArrayList<>();
            g.forEach(b -> p.add(EvalFixtures.jitter(rnd, b, 0.4)));
            p.addAll(boxes(rnd, rnd.nextInt(3)));
            SampleOutcome o = SampleScorer.score(g, p);
            List<Box> g2 = new ArrayList<>(g), p2 = new ArrayList<>(p);
            Collections.shuffle(g2, rnd);
            Collections.shuffle(p2, rnd);
            assertThat(SampleScorer.score(g2, p2)).isEqualTo(o);
        });
    }

    /**
     * The exact mask IoU against counting the pixel centres of a 2000 x 2000 grid covered by each union.
     * Coordinates in thousandths put every edge on a pixel border, so the count has no discretisation error
     * of its own (with arbitrary coordinates it is up to half a pixel per edge, about 1e-3 in IoU) and
     * any difference is the union arithmetic's.
     */
    @Test
    void maskIouEqualsARasterisedEstimate() {
        int size = 2000;
        qt().withFixedSeed(34).withExamples(40).forAll(EvalFixtures.seeds()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            List<Box> g = new ArrayList<>();
            boxes(rnd, 1 + rnd.nextInt(3)).forEach(b -> g.add(thousandths(b)));
            List<Box> p = new ArrayList<>();
            g.forEach(b -> p.add(thousandths(EvalFixtures.jitter(rnd, b, 0.5))));
            boxes(rnd, rnd.nextInt(3)).forEach(b -> p.add(thousandths(b)));
            boolean[] mp = raster(p, size), mg = raster(g, size);
            long inter = 0, union = 0;
            for (int i = 0; i < mp.length; i++) {
                inter += mp[i] && mg[i] ? 1 : 0;
                union += mp[i] || mg[i] ? 1 : 0;
            }
            double estimate = (double) inter / union;
            assertThat(SampleScorer.score(g, p).maskIou()).isCloseTo(estimate, within(1e-3));
        });
    }

    /** Pixels of a size x size grid whose centres lie in one of the boxes. */
    private static boolean[] raster(List<Box> boxes, int size) {
        boolean[] mask = new boolean[size * size];
        for (Box b : boxes) {
            int c0 = (int) Math.ceil(b.x1() * size - 0.5), c1 = (int) Math.floor(b.x2() * size - 0.5);
            int r0 = (int) Math.ceil(b.y1() * size - 0.5), r1 = (int) Math.floor(b.y2() * size - 0.5);
            for (int r = Math.max(r0, 0); r <= Math.min(r1, size - 1); r++) {
                for (int c = Math.max(c0, 0); c <= Math.min(c1, size - 1); c++) {
                    mask[r * size + c] = true;
                }
            }
        }
        return mask;
    }

    private static List<Box> boxes(Random rnd, int n) {
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(EvalFixtures.randomBox(rnd, 0.05));
        }
        return out;
    }

    /** The box with coordinates rounded to three decimals, as annotation files usually give them. */
    private static Box thousandths(Box b) {
        return new Box(
                Math.rint(b.x1() * 1000) / 1000,
                Math.rint(b.y1() * 1000) / 1000,
                Math.rint(b.x2() * 1000) / 1000,
                Math.rint(b.y2() * 1000) / 1000);
    }

    /** Largest matching by trying every assignment of p[i..] to unused gold boxes. */
    private static int bruteForce(List<Box> p, List<Box> g, BiPredicate<Box, Box> ok, int i, long used) {
        if (i == p.size()) {
            return 0;
        }
        int best = bruteForce(p, g, ok, i + 1, used);
        for (int j = 0; j < g.size(); j++) {
            if ((used & (1L << j)) == 0 && ok.test(p.get(i), g.get(j))) {
                best = Math.max(best, 1 + bruteForce(p, g, ok, i + 1, used | (1L << j)));
            }
        }
        return best;
    }
}

package org.ground4j.eval;

import java.util.List;
import java.util.function.BiPredicate;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.BoxUnion;
import org.ground4j.core.matching.LinearAssignment;

/**
 * Scores one sample: predicted boxes against gold boxes, by the definitions of DESIGN.md section 5.
 * The two matchings are maximum one-to-one matchings over the allowed pairs, solved exactly by
 * {@link LinearAssignment} (cost 0 for an allowed pair, +infinity for a forbidden one); the mask IoU is
 * exact ({@link BoxUnion}, no rasterisation). Images are never needed.
 *
 * <pre>{@code
 * SampleOutcome o = SampleScorer.score(
 *         List.of(new Box(0.1, 0.1, 0.4, 0.5)),                   // gold
 *         List.of(new Box(0.12, 0.1, 0.4, 0.52)));                // predicted
 * o.success();   // true: one pair with IoU >= 0.5, nothing left over
 * }</pre>
 */
public final class SampleScorer {

    /** IoU a predicted box needs with its gold box to count as a true positive for P@F1=1. */
    public static final double IOU_THRESHOLD = 0.5;

    private SampleScorer() {}

    /**
     * @param gold      the gold boxes G, possibly none
     * @param predicted the predicted boxes P, possibly none; their order does not matter
     */
    public static SampleOutcome score(List<Box> gold, List<Box> predicted) {
        int iouMatches = maximumMatching(predicted, gold, (p, g) -> p.iou(g) >= IOU_THRESHOLD);
        int centreMatches = maximumMatching(predicted, gold, Box::centreInside);
        double maskIou = predicted.isEmpty() || gold.isEmpty() ? 0.0 : BoxUnion.iou(predicted, gold);
        return new SampleOutcome(predicted.size(), gold.size(), iouMatches, centreMatches, maskIou);
    }

    /** Size of a maximum one-to-one matching between {@code p} and {@code g} using only allowed pairs. */
    static int maximumMatching(List<Box> p, List<Box> g, BiPredicate<Box, Box> allowed) {
        if (p.isEmpty() || g.isEmpty()) {
            return 0;
        }
        double[][] cost = new double[p.size()][g.size()];
        int allowedPairs = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int j = 0; j < g.size(); j++) {
                boolean ok = allowed.test(p.get(i), g.get(j));
                cost[i][j] = ok ? 0.0 : Double.POSITIVE_INFINITY;
                allowedPairs += ok ? 1 : 0;
            }
        }
        if (allowedPairs == 0 || Math.min(p.size(), g.size()) == 1) {
            return Math.min(allowedPairs, 1);
        }
        int matched = 0;
        for (int col : LinearAssignment.solve(cost)) {
            matched += col >= 0 ? 1 : 0;
        }
        return matched;
    }
}

package org.ground4j.eval;

import java.util.List;
import java.util.Optional;

/**
 * Every figure as a curve over the confidence threshold, 0.05 to 0.95 by 0.05, the way the paper chose its
 * threshold on validation data (DESIGN.md section 5). Empty when the predictions carry no scores.
 *
 * <pre>{@code
 * evaluation.sweep().best().ifPresent(p ->
 *         System.out.println("use threshold " + p.threshold()));   // maximises overall P@F1=1
 * }</pre>
 *
 * @param points one point per threshold, ascending; none when the sweep was not possible
 */
public record ThresholdSweep(List<SweepPoint> points) {

    /** Number of thresholds in a sweep: 0.05, 0.10, ..., 0.95. */
    public static final int STEPS = 19;

    /** @throws IllegalArgumentException unless the points are ascending in threshold */
    public ThresholdSweep {
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (!(points.get(i).threshold() > points.get(i - 1).threshold())) {
                throw new IllegalArgumentException(
                        "sweep thresholds must ascend, got " + points.get(i - 1).threshold() + " before "
                                + points.get(i).threshold());
            }
        }
    }

    /** A sweep that was not run. */
    public static ThresholdSweep none() {
        return new ThresholdSweep(List.of());
    }

    /** The thresholds 0.05, 0.10, ..., 0.95, each the double nearest its decimal value ({@code k / 20.0}). */
    public static double[] thresholds() {
        double[] t = new double[STEPS];
        for (int k = 1; k <= STEPS; k++) {
            t[k - 1] = k / 20.0;
        }
        return t;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The point that maximises overall P@F1=1; among equal ones the lowest threshold. */
    public Optional<SweepPoint> best() {
        SweepPoint best = null;
        for (SweepPoint p : points) {
            if (best == null
                    || p.groups().overall().pAtF1() > best.groups().overall().pAtF1()) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}

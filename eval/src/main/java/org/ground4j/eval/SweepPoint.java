package org.ground4j.eval;

/**
 * Every group's figures at one confidence threshold: predicted boxes scoring below it dropped, the rest
 * taken as given (fusion is not re-run).
 *
 * <pre>{@code
 * for (SweepPoint p : evaluation.sweep().points()) {
 *     System.out.printf("%.2f %.3f%n", p.threshold(), p.groups().overall().pAtF1());
 * }
 * }</pre>
 *
 * @param threshold   minimum score a predicted box needs to be kept, in [0,1]
 * @param groups      the figures of the kept boxes
 * @param byPlacement the figures of the kept boxes in the anchored and free-position groups
 */
public record SweepPoint(double threshold, GroupFigures groups, PlacementFigures byPlacement) {

    /** @throws IllegalArgumentException on a threshold outside [0,1] or missing figures */
    public SweepPoint {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must lie in [0,1], got " + threshold);
        }
        if (groups == null || byPlacement == null) {
            throw new IllegalArgumentException("sweep point at " + threshold + " needs figures, got null");
        }
    }

    /** A point without placement groups (both empty). */
    public SweepPoint(double threshold, GroupFigures groups) {
        this(threshold, groups, PlacementFigures.empty());
    }
}

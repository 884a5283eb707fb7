package org.ground4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.PostProcessor;

/**
 * The two post-processing thresholds chosen together on validation: for each relative threshold (0, then 0.5
 * to 1 by 0.05; {@link PostProcessor#keepRelative}) the predictions keep only the boxes near their sentence's
 * best score, are evaluated, and the confidence threshold sweep gives that relative threshold's best point.
 *
 * <pre>{@code
 * RelativeSweep rs = RelativeSweep.run(gold, predictionsWithScores);
 * rs.best().ifPresent(p -> System.out.printf("threshold %.2f, relative threshold %.2f: P@F1=1 %.3f%n",
 *         p.best().threshold(), p.relative(), p.best().groups().overall().pAtF1()));
 * }</pre>
 *
 * @param points one per relative threshold, ascending; none when the predictions carry no scores
 */
public record RelativeSweep(List<Point> points) {

    /**
     * The best confidence threshold at one relative threshold.
     *
     * @param relative the relative threshold
     * @param best     the threshold sweep's best point (highest overall P@F1=1, lowest threshold among equals)
     */
    public record Point(double relative, SweepPoint best) {
    }

    public RelativeSweep {
        points = List.copyOf(points);
    }

    /** 0 (off), 0.50, 0.55, ..., 1.00, each the double nearest its decimal value. */
    public static double[] relativeThresholds() {
        double[] r = new double[12];
        for (int k = 1; k < r.length; k++) {
            r[k] = (9 + k) / 20.0;
        }
        return r;
    }

    /**
     * @param gold        gold samples, unique ids, at least one
     * @param predictions predictions with scores (fused boxes, as the grounder writes them at a low threshold)
     */
    public static RelativeSweep run(List<Sample> gold, List<Sample> predictions) {
        List<Point> points = new ArrayList<>();
        for (double r : relativeThresholds()) {
            List<Sample> kept = new ArrayList<>(predictions.size());
            for (Sample p : predictions) {
                kept.add(keepRelative(p, r));
            }
            Optional<SweepPoint> best = Evaluator.evaluate(gold, kept).sweep().best();
            if (best.isEmpty()) {
                return new RelativeSweep(List.of());
            }
            points.add(new Point(r, best.get()));
        }
        return new RelativeSweep(points);
    }

    /** The point of highest overall P@F1=1; among equal ones the lowest relative threshold (0 first). */
    public Optional<Point> best() {
        Point best = null;
        for (Point p : points) {
            if (best == null || p.best().groups().overall().pAtF1() > best.best().groups().overall().pAtF1()) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Sample keepRelative(Sample p, double r) {
        if (!p.hasScores() || r == 0) {
            return p;
        }
        List<ScoredBox> boxes = new ArrayList<>(p.boxes().size());
        for (int i = 0; i < p.boxes().size(); i++) {
            boxes.add(new ScoredBox(p.boxes().get(i), p.scores().get(i)));
        }
        List<Box> bx = new ArrayList<>();
        List<Double> sc = new ArrayList<>();
        for (ScoredBox b : PostProcessor.keepRelative(boxes, r)) {
            bx.add(b.box());
            sc.add(b.score());
        }
        return p.withBoxes(bx, sc);
    }
}

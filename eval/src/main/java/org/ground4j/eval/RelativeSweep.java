package org.ground4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.PostProcessor;

/**
 * The two post-processing thresholds chosen together on validation. For every relative threshold (0, then 0.50
 * to 1.00 by 0.05) and every confidence threshold (0.05 to 0.95 by 0.05) each sentence's raw query boxes go
 * through the grounder's own {@link PostProcessor} (threshold, fusion, relative threshold) and the result is
 * evaluated; each relative threshold keeps its best confidence threshold. Unlike the evaluation's threshold
 * sweep, fusion is re-run at every threshold, so a point's figures are exactly what grounding with those
 * settings gives (boxes below the threshold never join a fused box).
 *
 * <pre>{@code
 * // predictions of every query box, unfused: ground with PostProcessor.RAW
 * RelativeSweep rs = RelativeSweep.run(gold, rawPredictions, 0.1);
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
     * @param best     the figures at the confidence threshold of highest overall P@F1=1 (the lowest among equals)
     */
    public record Point(double relative, SweepPoint best) {}

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
     * @param gold      gold samples, unique ids, at least one
     * @param raw       each sentence's query boxes with their scores, unfused ({@link PostProcessor#RAW})
     * @param fusionIou the fusion IoU the grounder will use
     */
    public static RelativeSweep run(List<Sample> gold, List<Sample> raw, double fusionIou) {
        if (raw.stream().noneMatch(Sample::hasScores)) {
            return new RelativeSweep(List.of());
        }
        List<List<ScoredBox>> boxes = new ArrayList<>(raw.size());
        for (Sample p : raw) {
            boxes.add(p.hasScores() ? p.scoredBoxes() : List.of());
        }
        List<Point> points = new ArrayList<>();
        for (double r : relativeThresholds()) {
            SweepPoint best = null;
            for (double t : ThresholdSweep.thresholds()) {
                PostProcessor post = new PostProcessor(t, fusionIou, r);
                List<Sample> kept = new ArrayList<>(raw.size());
                for (int i = 0; i < raw.size(); i++) {
                    kept.add(
                            raw.get(i).hasScores() ? raw.get(i).withScoredBoxes(post.apply(boxes.get(i))) : raw.get(i));
                }
                Evaluation e = Evaluator.evaluate(gold, kept, false);
                if (best == null
                        || e.groups().overall().pAtF1()
                                > best.groups().overall().pAtF1()) {
                    best = new SweepPoint(t, e.groups(), e.byPlacement());
                }
            }
            points.add(new Point(r, best));
        }
        return new RelativeSweep(points);
    }

    /** The point of highest overall P@F1=1; among equal ones the lowest relative threshold (0 first). */
    public Optional<Point> best() {
        Point best = null;
        for (Point p : points) {
            if (best == null
                    || p.best().groups().overall().pAtF1()
                            > best.best().groups().overall().pAtF1()) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}

package org.ground4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.synth.Category.Placement;

/**
 * Evaluates predictions against gold (DESIGN.md section 5): joins them by id, scores every sample once,
 * tallies the figures per group, per placement group ({@link PlacementFigures}) and per category, counts why
 * samples fail ({@link Failures}), and, when the predictions carry scores, sweeps the confidence threshold.
 * Images are never opened.
 *
 * <p>The sweep is cheap: a sample's kept boxes at any threshold are a prefix of its boxes sorted by score,
 * so a sample is scored once per distinct prefix, at most |P| + 1 times, however many thresholds there are.
 *
 * <pre>{@code
 * Evaluation ev = Evaluator.evaluate(SampleJsonl.read(goldFile), SampleJsonl.read(predFile));
 * System.out.println(ev.groups().overall().pAtF1());
 * }</pre>
 */
public final class Evaluator {

    /** Warnings list at most this many ids, then a count of the rest. */
    static final int IDS_IN_WARNING = 10;

    private Evaluator() {}

    /**
     * @param gold        gold samples, unique ids, at least one
     * @param predictions predicted samples, unique ids; ids not in gold are ignored with a warning
     * @throws IllegalArgumentException on no gold samples or duplicate ids
     */
    public static Evaluation evaluate(List<Sample> gold, List<Sample> predictions) {
        return evaluate(gold, predictions, true);
    }

    /**
     * As {@link #evaluate(List, List)}; {@code sweepThresholds} false skips the threshold sweep (its result is
     * {@link ThresholdSweep#none()}), for callers that post-process the predictions themselves and evaluate
     * them many times ({@link RelativeSweep}).
     */
    public static Evaluation evaluate(List<Sample> gold, List<Sample> predictions, boolean sweepThresholds) {
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("no gold samples: nothing to evaluate");
        }
        JoinedSamples joined = JoinedSamples.of(gold, predictions);
        List<String> warnings = new ArrayList<>();
        if (!joined.missingPredictions().isEmpty()) {
            warnings.add(joined.missingPredictions().size() + " of " + gold.size()
                    + " gold samples had no prediction and counted as empty: " + listIds(joined.missingPredictions()));
        }
        if (!joined.unknownPredictions().isEmpty()) {
            warnings.add("ignored " + count(joined.unknownPredictions().size(), "prediction")
                    + " with an id not in gold: " + listIds(joined.unknownPredictions()));
        }
        boolean sweep = sweepThresholds && sweepable(joined, warnings);
        double[] thresholds = ThresholdSweep.thresholds();
        GroupFigures.Builder main = new GroupFigures.Builder();
        PlacementFigures.Builder mainByPlacement = new PlacementFigures.Builder();
        SortedMap<String, Tally> categories = new TreeMap<>();
        Failures.Builder failures = new Failures.Builder();
        int steps = sweep ? thresholds.length : 0;
        GroupFigures.Builder[] atThreshold = new GroupFigures.Builder[steps];
        PlacementFigures.Builder[] placementAtThreshold = new PlacementFigures.Builder[steps];
        for (int k = 0; k < steps; k++) {
            atThreshold[k] = new GroupFigures.Builder();
            placementAtThreshold[k] = new PlacementFigures.Builder();
        }
        for (JoinedSamples.Pair pair : joined.pairs()) {
            List<Box> goldBoxes = pair.gold().boxes();
            SampleOutcome outcome =
                    SampleScorer.score(goldBoxes, pair.prediction().boxes());
            main.add(outcome);
            String category = pair.gold().category();
            Placement placement = PlacementFigures.placementOf(category).orElse(null);
            mainByPlacement.add(placement, outcome);
            failures.add(category, placement, outcome);
            if (category != null) {
                categories.computeIfAbsent(category, c -> new Tally()).add(outcome);
            }
            if (sweep) {
                sweepSample(
                        goldBoxes,
                        pair.prediction(),
                        outcome,
                        thresholds,
                        atThreshold,
                        placement,
                        placementAtThreshold);
            }
        }
        SortedMap<String, Figures> byCategory = new TreeMap<>();
        categories.forEach((c, tally) -> byCategory.put(c, tally.figures()));
        List<SweepPoint> points = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            points.add(new SweepPoint(thresholds[k], atThreshold[k].build(), placementAtThreshold[k].build()));
        }
        return new Evaluation(
                main.build(),
                mainByPlacement.build(),
                byCategory,
                failures.build(),
                new ThresholdSweep(points),
                warnings);
    }

    /**
     * Adds one sample's outcome at every threshold, to its group and to its placement group ({@code null}:
     * none). {@code all} is its outcome with every box kept.
     */
    private static void sweepSample(
            List<Box> gold,
            Sample prediction,
            SampleOutcome all,
            double[] thresholds,
            GroupFigures.Builder[] atThreshold,
            Placement placement,
            PlacementFigures.Builder[] placementAtThreshold) {
        List<Box> boxes = prediction.boxes();
        int m = boxes.size();
        List<Box> sorted = new ArrayList<>(m);
        double[] sortedScores = new double[m];
        if (m > 0) {
            List<Double> scores = prediction.scores();
            int[] order = IntStream.range(0, m)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> scores.get(i))
                            .reversed())
                    .mapToInt(Integer::intValue)
                    .toArray();
            for (int i = 0; i < m; i++) {
                sorted.add(boxes.get(order[i]));
                sortedScores[i] = scores.get(order[i]);
            }
        }
        SampleOutcome[] byKept = new SampleOutcome[m + 1];
        byKept[m] = all;
        int kept = m;
        for (int k = 0; k < thresholds.length; k++) {
            while (kept > 0 && sortedScores[kept - 1] < thresholds[k]) {
                kept--;
            }
            if (byKept[kept] == null) {
                byKept[kept] = SampleScorer.score(gold, sorted.subList(0, kept));
            }
            atThreshold[k].add(byKept[kept]);
            placementAtThreshold[k].add(placement, byKept[kept]);
        }
    }

    /**
     * Whether the threshold sweep can run: some prediction carries scores and every prediction with boxes
     * does. Adds a warning when only some do.
     */
    private static boolean sweepable(JoinedSamples joined, List<String> warnings) {
        boolean anyScores = false;
        List<String> unscored = new ArrayList<>();
        for (JoinedSamples.Pair pair : joined.pairs()) {
            Sample p = pair.prediction();
            anyScores |= p.hasScores();
            if (!p.hasScores() && !p.boxes().isEmpty()) {
                unscored.add(p.id());
            }
        }
        if (anyScores && !unscored.isEmpty()) {
            warnings.add("threshold sweep skipped: " + count(unscored.size(), "prediction")
                    + " with boxes but no scores: " + listIds(unscored));
        }
        return anyScores && unscored.isEmpty();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String listIds(List<String> ids) {
        List<String> shown = ids.subList(0, Math.min(ids.size(), IDS_IN_WARNING));
        String list = String.join(", ", shown);
        return ids.size() > shown.size() ? list + " ... and " + (ids.size() - shown.size()) + " more" : list;
    }
}

package org.ground4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.Sample.Group;
import org.ground4j.core.synth.Category.Placement;

/**
 * Two sets of predictions for the same gold samples compared sample by sample on P@F1=1: how many each gets
 * right, how many only one of them gets right, and McNemar's exact p-value ({@link McNemar}) for the difference.
 * One {@link Row} per group, in the order of {@link ImageAblation#KEYS}: overall, no, single, multi, and the
 * placement groups anchored and free. This is how two models, two thresholds or two fusion settings are told
 * apart on one held-out set: a 2-point difference on 400 sentences is within either figure's standard error,
 * but may still be far outside what the paired disagreements allow ({@code ground4j compare}).
 *
 * <pre>{@code
 * PairedComparison c = PairedComparison.of(gold, newPredictions, oldPredictions);
 * PairedComparison.Row free = c.get("free");
 * free.onlyCandidate();   // free-position sentences only the new model gets right
 * free.pValue();          // McNemar's exact two-sided p
 * }</pre>
 *
 * @param rows one per group, in the order of {@link ImageAblation#KEYS}
 */
public record PairedComparison(List<Row> rows) {

    /**
     * One group's paired counts; the four counts add up to {@code n}.
     *
     * @param group         a key of {@link ImageAblation#KEYS}
     * @param n             samples in the group
     * @param both          samples both prediction sets get right
     * @param onlyCandidate samples only the candidate gets right
     * @param onlyBaseline  samples only the baseline gets right
     * @param neither       samples neither gets right
     */
    public record Row(String group, int n, int both, int onlyCandidate, int onlyBaseline, int neither) {

        /** @throws IllegalArgumentException on a negative count or counts that do not add up to n */
        public Row {
            if (both < 0
                    || onlyCandidate < 0
                    || onlyBaseline < 0
                    || neither < 0
                    || both + onlyCandidate + onlyBaseline + neither != n) {
                throw new IllegalArgumentException("paired counts of group " + group + " must be >= 0 and add up to n="
                        + n + ", got " + both + "/" + onlyCandidate + "/" + onlyBaseline + "/" + neither);
            }
        }

        /** The candidate's P@F1=1; NaN for an empty group. */
        public double candidatePAtF1() {
            return n == 0 ? Double.NaN : (double) (both + onlyCandidate) / n;
        }

        /** The baseline's P@F1=1; NaN for an empty group. */
        public double baselinePAtF1() {
            return n == 0 ? Double.NaN : (double) (both + onlyBaseline) / n;
        }

        /** Candidate minus baseline P@F1=1. */
        public double difference() {
            return candidatePAtF1() - baselinePAtF1();
        }

        /** McNemar's exact two-sided p-value of the difference; 1 when they never disagree. */
        public double pValue() {
            return McNemar.exactP(onlyCandidate, onlyBaseline);
        }
    }

    /** @throws IllegalArgumentException unless there is one row per key, in order */
    public PairedComparison {
        rows = List.copyOf(rows);
        List<String> groups = rows.stream().map(Row::group).toList();
        if (!groups.equals(ImageAblation.KEYS)) {
            throw new IllegalArgumentException(
                    "paired comparison rows must be " + ImageAblation.KEYS + ", got " + groups);
        }
    }

    /**
     * Scores both prediction sets against gold, sample by sample.
     *
     * @param gold      gold samples, unique ids, at least one
     * @param candidate predictions for exactly the gold ids
     * @param baseline  predictions for exactly the gold ids
     * @throws IllegalArgumentException on no gold, duplicate ids, or a prediction set that misses a gold id or
     *                                  holds one not in gold (a missing prediction would fake a difference)
     */
    public static PairedComparison of(List<Sample> gold, List<Sample> candidate, List<Sample> baseline) {
        return of(gold, candidate, "the candidate predictions", baseline, "the baseline predictions");
    }

    /** As {@link #of(List, List, List)}, with the names errors give the two prediction sets (their files). */
    static PairedComparison of(
            List<Sample> gold,
            List<Sample> candidate,
            String candidateName,
            List<Sample> baseline,
            String baselineName) {
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("no gold samples: nothing to compare");
        }
        JoinedSamples a = joinExactly(gold, candidate, candidateName);
        JoinedSamples b = joinExactly(gold, baseline, baselineName);
        Map<String, int[]> counts = new LinkedHashMap<>();
        ImageAblation.KEYS.forEach(key -> counts.put(key, new int[4]));
        for (int i = 0; i < a.pairs().size(); i++) {
            Sample g = a.pairs().get(i).gold();
            boolean rightA = SampleScorer.score(
                            g.boxes(), a.pairs().get(i).prediction().boxes())
                    .success();
            boolean rightB = SampleScorer.score(
                            g.boxes(), b.pairs().get(i).prediction().boxes())
                    .success();
            int cell = rightA ? (rightB ? 0 : 1) : (rightB ? 2 : 3);
            counts.get("overall")[cell]++;
            counts.get(Group.of(g.boxes().size()).key())[cell]++;
            Optional<Placement> placement = PlacementFigures.placementOf(g.category());
            placement.ifPresent(p -> counts.get(p == Placement.ANCHORED ? "anchored" : "free")[cell]++);
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((key, c) -> rows.add(new Row(key, c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3])));
        return new PairedComparison(rows);
    }

    /** The row of a group key ({@code overall}, {@code no}, ..., {@code free}). */
    public Row get(String group) {
        int i = ImageAblation.KEYS.indexOf(group);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "unknown group \"" + group + "\": expected one of " + ImageAblation.KEYS);
        }
        return rows.get(i);
    }

    /**
     * A Markdown table, one line per group: each side's P@F1=1 with its standard error
     * {@code sqrt(p (1 - p) / n)}, the difference, the disagreements and McNemar's p.
     *
     * @param candidate how the table names the candidate (a file name)
     * @param baseline  how the table names the baseline
     */
    public String toMarkdown(String candidate, String baseline) {
        StringBuilder md = new StringBuilder();
        md.append("| Group | n | P@F1=1 ")
                .append(candidate)
                .append(" | P@F1=1 ")
                .append(baseline)
                .append(" | Difference | Only ")
                .append(candidate)
                .append(" | Only ")
                .append(baseline)
                .append(" | McNemar p |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append("| ")
                    .append(r.group())
                    .append(" | ")
                    .append(r.n())
                    .append(" | ")
                    .append(withError(r.candidatePAtF1(), r.n()))
                    .append(" | ")
                    .append(withError(r.baselinePAtF1(), r.n()))
                    .append(" | ")
                    .append(Percent.signed(r.difference()))
                    .append(" | ")
                    .append(r.onlyCandidate())
                    .append(" | ")
                    .append(r.onlyBaseline())
                    .append(" | ")
                    .append(r.n() == 0 ? Percent.UNDEFINED : pValue(r.pValue()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** {@code 0.845, 400 -> "84.5 ± 1.8"}; a dash for an empty group. */
    private static String withError(double p, int n) {
        if (Double.isNaN(p)) {
            return Percent.UNDEFINED;
        }
        return Percent.of(p) + " ± " + Percent.of(Math.sqrt(p * (1 - p) / n));
    }

    /** Two significant digits: {@code 0.77}, {@code 0.016}, {@code 5.1e-05}. */
    static String pValue(double p) {
        return p >= 1 ? "1" : String.format(Locale.ROOT, "%.2g", p);
    }

    private static JoinedSamples joinExactly(List<Sample> gold, List<Sample> predictions, String name) {
        JoinedSamples joined = JoinedSamples.of(gold, predictions);
        if (!joined.missingPredictions().isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": no prediction for " + joined.missingPredictions().size()
                            + " gold id(s) (" + EvalFiles.firstIds(joined.missingPredictions())
                            + "); a paired comparison needs both "
                            + "prediction sets made from the same gold samples");
        }
        if (!joined.unknownPredictions().isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": " + joined.unknownPredictions().size()
                            + " id(s) not in gold (" + EvalFiles.firstIds(joined.unknownPredictions())
                            + "); a paired comparison needs "
                            + "both prediction sets made from the same gold samples");
        }
        return joined;
    }
}

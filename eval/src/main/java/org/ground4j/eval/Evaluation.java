package org.ground4j.eval;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything an evaluation found: the figures of each group, of each placement group (SynthCXR anchored and
 * free-position findings), of each category, the threshold sweep and the warnings. Immutable;
 * {@link MetricsJson}, {@link MarkdownReport}, {@link EvalCharts} and {@link SummaryTable} render it.
 *
 * <pre>{@code
 * Evaluation ev = Evaluator.evaluate(gold, predictions);
 * ev.groups().overall().pAtF1();             // the headline figure
 * ev.byPlacement().free().overall().pAtF1(); // findings that can sit anywhere: need the image
 * ev.byCategory().get("effusion").chF1();
 * ev.failures().free().share(Failure.EXTRA_BOXES); // why free-position findings fail
 * ev.sweep().best().map(SweepPoint::threshold);
 * ev.warnings().forEach(System.err::println);
 * }</pre>
 *
 * @param groups      the figures of No, Single, Multi and Overall, predictions as given
 * @param byPlacement the same figures over the samples whose gold category is anchored, and free-position
 * @param byCategory  the figures of each gold category, sorted by name; samples without one are left out
 * @param failures    why samples fail ({@link Failure}): overall, by placement group and by category
 * @param sweep       the figures at each confidence threshold, or none without scores
 * @param warnings    what the user should know about the input (missing or unknown predictions ...)
 */
public record Evaluation(
        GroupFigures groups,
        PlacementFigures byPlacement,
        SortedMap<String, Figures> byCategory,
        Failures failures,
        ThresholdSweep sweep,
        List<String> warnings) {

    /** @throws IllegalArgumentException on a missing part */
    public Evaluation {
        if (groups == null
                || byPlacement == null
                || byCategory == null
                || failures == null
                || sweep == null
                || warnings == null) {
            throw new IllegalArgumentException(
                    "an evaluation needs groups, placement groups, categories, failures, a sweep and warnings");
        }
        byCategory = Collections.unmodifiableSortedMap(new TreeMap<>(byCategory));
        warnings = List.copyOf(warnings);
    }
}

package org.ground4j.eval;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ground4j.core.synth.Category.Placement;

/**
 * The failure breakdown of an evaluation ({@link Failure}): over all samples, over the anchored and the
 * free-position findings ({@link PlacementFigures}), and per gold category. Predictions as given (no threshold
 * sweep).
 *
 * <pre>{@code
 * Failures f = Evaluator.evaluate(gold, predictions).failures();
 * f.byCategory().get("nodule").count(Failure.EXTRA_BOXES);
 * }</pre>
 *
 * @param overall    every sample
 * @param anchored   samples whose gold category is anatomy-anchored
 * @param free       samples whose gold category is free-position
 * @param byCategory per gold category, sorted by name; samples without one are left out
 */
public record Failures(
        FailureCounts overall,
        FailureCounts anchored,
        FailureCounts free,
        SortedMap<String, FailureCounts> byCategory) {

    /** @throws IllegalArgumentException on a missing part */
    public Failures {
        if (overall == null || anchored == null || free == null || byCategory == null) {
            throw new IllegalArgumentException("failures need overall, anchored, free and by-category counts");
        }
        byCategory = Collections.unmodifiableSortedMap(new TreeMap<>(byCategory));
    }

    /** Tallies each sample once. */
    static final class Builder {
        private final FailureCounts.Builder overall = new FailureCounts.Builder();
        private final FailureCounts.Builder anchored = new FailureCounts.Builder();
        private final FailureCounts.Builder free = new FailureCounts.Builder();
        private final SortedMap<String, FailureCounts.Builder> byCategory = new TreeMap<>();

        /** @param placement the gold category's placement, {@code null} for none; category {@code null}: none */
        void add(String category, Placement placement, SampleOutcome o) {
            overall.add(o);
            if (placement == Placement.ANCHORED) {
                anchored.add(o);
            } else if (placement == Placement.FREE) {
                free.add(o);
            }
            if (category != null) {
                byCategory
                        .computeIfAbsent(category, c -> new FailureCounts.Builder())
                        .add(o);
            }
        }

        Failures build() {
            SortedMap<String, FailureCounts> categories = new TreeMap<>();
            byCategory.forEach((c, b) -> categories.put(c, b.build()));
            return new Failures(overall.build(), anchored.build(), free.build(), categories);
        }
    }
}

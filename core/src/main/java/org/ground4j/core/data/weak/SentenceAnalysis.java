package org.ground4j.core.data.weak;

import java.util.List;

/**
 * What the negation detector found in one sentence.
 *
 * @param mentions        the findings named, in order
 * @param normalStatement whether the sentence states normality ("Normal heart size.", "Senos costofrénicos libres.")
 */
public record SentenceAnalysis(List<FindingMention> mentions, boolean normalStatement) {

    /** The four kinds of sentence the weak-label cleanup tells apart. */
    public enum Verdict {
        /** At least one finding is asserted: its boxes stay. */
        AFFIRMED,
        /** Findings are named and every one is denied ("No pneumothorax or effusion."). */
        NEGATED,
        /** No finding is named, but normality is stated ("Heart size is normal."). */
        NORMAL,
        /** Neither a finding nor a statement of normality ("PA view."). */
        NO_FINDING
    }

    public SentenceAnalysis {
        mentions = List.copyOf(mentions);
    }

    public Verdict verdict() {
        if (!mentions.isEmpty()) {
            return mentions.stream().allMatch(FindingMention::negated) ? Verdict.NEGATED : Verdict.AFFIRMED;
        }
        return normalStatement ? Verdict.NORMAL : Verdict.NO_FINDING;
    }

    /** Canonical names of the denied findings. */
    public List<String> negatedFindings() {
        return mentions.stream()
                .filter(FindingMention::negated)
                .map(FindingMention::finding)
                .distinct()
                .toList();
    }

    /** Canonical names of the findings named and not denied. */
    public List<String> affirmedFindings() {
        return mentions.stream()
                .filter(m -> !m.negated())
                .map(FindingMention::finding)
                .distinct()
                .toList();
    }
}

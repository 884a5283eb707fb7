package org.ground4j.eval;

import java.util.Arrays;

/**
 * How many samples of a group ended in each {@link Failure} kind ({@link Failure#NONE}: succeeded). The counts
 * add up to {@link #n()}.
 *
 * <pre>{@code
 * FailureCounts c = evaluation.failures().free();
 * c.share(Failure.EXTRA_BOXES);   // fraction of the free-position findings lost to extra boxes
 * }</pre>
 *
 * @param counts samples per kind, indexed by {@link Failure#ordinal()}
 */
public record FailureCounts(int[] counts) {

    /** @throws IllegalArgumentException on a wrong length or a negative count */
    public FailureCounts {
        if (counts == null || counts.length != Failure.values().length) {
            throw new IllegalArgumentException(
                    "failure counts need one count per kind (" + Failure.values().length + ")");
        }
        counts = counts.clone();
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("failure counts must be >= 0, got " + Arrays.toString(counts));
            }
        }
    }

    /** Samples counted. */
    public int n() {
        return Arrays.stream(counts).sum();
    }

    /** Samples of one kind. */
    public int count(Failure kind) {
        return counts[kind.ordinal()];
    }

    /** Fraction of the samples of one kind; NaN without samples. */
    public double share(Failure kind) {
        int n = n();
        return n == 0 ? Double.NaN : (double) count(kind) / n;
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailureCounts f && Arrays.equals(counts, f.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "FailureCounts" + Arrays.toString(counts);
    }

    /** Adds outcomes one at a time. */
    static final class Builder {
        private final int[] counts = new int[Failure.values().length];

        void add(SampleOutcome o) {
            counts[Failure.of(o).ordinal()]++;
        }

        FailureCounts build() {
            return new FailureCounts(counts);
        }
    }
}

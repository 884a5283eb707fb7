package org.ground4j.eval;

/**
 * Why a sample misses P@F1=1: one kind per sample, decided from its {@link SampleOutcome} alone, so that a
 * table of failures adds up to the samples that failed. The kinds split what the headline figure lumps
 * together: a model that finds the lesion and adds a duplicate ({@link #EXTRA_BOXES}) needs other work than
 * one that draws a loose box around it ({@link #LOOSE_BOX}) or looks in the wrong place ({@link #WRONG_PLACE}).
 *
 * <p>For a sample with gold boxes, the first rule that holds decides:
 * <ol>
 *   <li>{@link #NO_BOX}: nothing predicted;</li>
 *   <li>{@link #EXTRA_BOXES}: every gold box matched at IoU 0.5, and more boxes predicted than gold ones;</li>
 *   <li>{@link #MISSED_BOXES}: every predicted box matched at IoU 0.5, and fewer than gold ones;</li>
 *   <li>{@link #LOOSE_BOX}: more centre-hit matches than IoU matches: a box sits on a gold box but does not reach
 *       IoU 0.5;</li>
 *   <li>{@link #WRONG_PLACE}: otherwise: some predicted box lies where no gold box is.</li>
 * </ol>
 *
 * <pre>{@code
 * SampleOutcome o = SampleScorer.score(gold, predicted);
 * Failure why = Failure.of(o);   // NONE when o.success()
 * }</pre>
 */
public enum Failure {
    /** P@F1=1 holds. */
    NONE("right"),
    /** A zero-box sentence got boxes. */
    BOXES_ON_NO("boxes on a zero-box sentence"),
    /** A sentence with gold boxes got none. */
    NO_BOX("no box"),
    /** Every gold box found, plus boxes that match nothing (duplicates or other lesions). */
    EXTRA_BOXES("extra boxes"),
    /** Every predicted box right, some gold box not found. */
    MISSED_BOXES("missed boxes"),
    /** A box centred on a gold box with IoU below 0.5. */
    LOOSE_BOX("loose box"),
    /** A box where no gold box is. */
    WRONG_PLACE("wrong place");

    private final String label;

    Failure(String label) {
        this.label = label;
    }

    /** How reports name the kind, e.g. {@code "extra boxes"}. */
    public String label() {
        return label;
    }

    /** metrics.json's key: the name in lower case, e.g. {@code "extra_boxes"}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of failure of one scored sample ({@link #NONE} when it succeeds). */
    public static Failure of(SampleOutcome o) {
        if (o.success()) {
            return NONE;
        }
        if (o.gold() == 0) {
            return BOXES_ON_NO;
        }
        if (o.predicted() == 0) {
            return NO_BOX;
        }
        if (o.iouMatches() == o.gold()) {
            return EXTRA_BOXES;
        }
        if (o.iouMatches() == o.predicted()) {
            return MISSED_BOXES;
        }
        return o.centreMatches() > o.iouMatches() ? LOOSE_BOX : WRONG_PLACE;
    }
}

package org.ground4j.core.synth;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one SynthCXR run, as the command line prints them.
 *
 * @param images          images written
 * @param samples         sentences in {@code expert.jsonl}
 * @param zeroBox         sentences with no box
 * @param singleBox       sentences with one box
 * @param multiBox        sentences with two or more boxes
 * @param eightBit        8-bit images
 * @param sixteenBit      16-bit images
 * @param english         English sentences
 * @param spanish         Spanish sentences
 * @param distractors     findings drawn that no sentence of their image describes
 * @param weakBoxes       boxes in {@code weak.jsonl}
 * @param weakWithParent  weak samples listing a region together with its parent
 * @param weakNegated     weak samples of negated sentences that still carry boxes
 * @param byCategory      sentences per category label
 * @param seconds         wall-clock time
 */
public record SynthSummary(
        int images,
        int samples,
        int zeroBox,
        int singleBox,
        int multiBox,
        int eightBit,
        int sixteenBit,
        int english,
        int spanish,
        int distractors,
        int weakBoxes,
        int weakWithParent,
        int weakNegated,
        Map<String, Integer> byCategory,
        double seconds) {

    public SynthSummary {
        byCategory = Map.copyOf(byCategory);
    }

    /** A few lines for people: counts, the no/single/multi fractions, time. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "images        %d (8-bit %d, 16-bit %d)%n", images, eightBit, sixteenBit));
        s.append(String.format(Locale.ROOT, "samples       %d (en %d, es %d)%n", samples, english, spanish));
        s.append(String.format(
                Locale.ROOT,
                "boxes         no %d (%.1f %%), single %d (%.1f %%), multi %d (%.1f %%)%n",
                zeroBox,
                pct(zeroBox),
                singleBox,
                pct(singleBox),
                multiBox,
                pct(multiBox)));
        s.append(String.format(Locale.ROOT, "distractors   %d findings no sentence describes%n", distractors));
        s.append(String.format(
                Locale.ROOT,
                "weak labels   %d boxes; %d sentences list a region with its parent, %d negated ones keep boxes%n",
                weakBoxes,
                weakWithParent,
                weakNegated));
        s.append("categories   ");
        new TreeMap<>(byCategory)
                .forEach((k, v) -> s.append(' ').append(k).append(' ').append(v).append(','));
        s.setLength(s.length() - 1);
        s.append(String.format(Locale.ROOT, "%ntime          %.1f s%n", seconds));
        return s.toString();
    }

    private double pct(int n) {
        return 100.0 * n / samples;
    }
}

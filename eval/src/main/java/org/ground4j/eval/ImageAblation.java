package org.ground4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The image ablation: the same sentences grounded once on their own image and once on another study's image
 * ({@code ground4j ground --shuffle-images SEED}), and the drop between the two. What survives the shuffle
 * comes from the sentence and the anatomical prior alone; the drop is the part of the score that needs the
 * image. One {@link Row} per group: overall, no, single, multi, and the placement groups anchored and free
 * (each over all its samples).
 *
 * <pre>{@code
 * Evaluation real = EvalFiles.evaluate(gold, preds);
 * Evaluation shuffled = EvalFiles.evaluateShuffled(gold, shuffledPreds);
 * ImageAblation ablation = ImageAblation.of(real, shuffled);
 * ablation.get("free").pAtF1Drop();    // e.g. 0.42: free-position findings need the image
 * ablation.get("no").pAtF1Drop();      // about 0: saying "no box" needs only the sentence
 * }</pre>
 *
 * @param rows one per group, in the order of {@link #KEYS}
 */
public record ImageAblation(List<Row> rows) {

    /** The groups, in the order of the rows: {@code overall, no, single, multi, anchored, free}. */
    public static final List<String> KEYS = List.of("overall", "no", "single", "multi", "anchored", "free");

    /**
     * One group's figures with the real and with the shuffled image. A figure no sample defines is NaN (mIoU
     * of the No group; everything of an empty group), and so is its drop.
     *
     * @param group         a key of {@link #KEYS}
     * @param n             samples in the group (the same in both evaluations)
     * @param realPAtF1     P@F1=1 with each sentence's own image
     * @param shuffledPAtF1 P@F1=1 with another study's image
     * @param realMiou      mIoU with each sentence's own image
     * @param shuffledMiou  mIoU with another study's image
     */
    public record Row(
            String group, int n, double realPAtF1, double shuffledPAtF1, double realMiou, double shuffledMiou) {

        /** Real minus shuffled P@F1=1: the part of the score that needs the image (negative: noise or worse). */
        public double pAtF1Drop() {
            return realPAtF1 - shuffledPAtF1;
        }

        /** Real minus shuffled mIoU. */
        public double miouDrop() {
            return realMiou - shuffledMiou;
        }
    }

    /** @throws IllegalArgumentException unless there is one row per key, in order */
    public ImageAblation {
        rows = List.copyOf(rows);
        List<String> groups = rows.stream().map(Row::group).toList();
        if (!groups.equals(KEYS)) {
            throw new IllegalArgumentException("image ablation rows must be " + KEYS + ", got " + groups);
        }
    }

    /**
     * Compares two evaluations of the same gold samples.
     *
     * @param real     the predictions made on each sentence's own image
     * @param shuffled the predictions made on shuffled images
     * @throws IllegalArgumentException if a group holds a different number of samples in the two (they were
     *                                  not evaluated against the same gold)
     */
    public static ImageAblation of(Evaluation real, Evaluation shuffled) {
        List<Row> rows = new ArrayList<>(KEYS.size());
        for (String key : KEYS) {
            Figures r = figures(real, key);
            Figures s = figures(shuffled, key);
            if (r.n() != s.n()) {
                throw new IllegalArgumentException("the real and shuffled-image evaluations cover different samples: "
                        + key + " holds " + r.n() + " and " + s.n() + "; evaluate both against the same gold file");
            }
            rows.add(new Row(key, r.n(), r.pAtF1(), s.pAtF1(), r.miou(), s.miou()));
        }
        return new ImageAblation(rows);
    }

    /** The row of a group key ({@code overall}, {@code no}, ..., {@code free}). */
    public Row get(String group) {
        int i = KEYS.indexOf(group);
        if (i < 0) {
            throw new IllegalArgumentException("unknown group \"" + group + "\": expected one of " + KEYS);
        }
        return rows.get(i);
    }

    /** The figures a row compares: a size group, or a placement group over all its samples. */
    private static Figures figures(Evaluation ev, String key) {
        return switch (key) {
            case "anchored", "free" -> ev.byPlacement().get(key).overall();
            default -> ev.groups().get(key);
        };
    }
}

package org.ground4j.core.data;

import java.util.List;
import java.util.Objects;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;

/**
 * One grounded sentence: the line of the project's JSON Lines format (DESIGN.md section 6).
 * Gold samples have no scores; predictions carry one score per box.
 *
 * <pre>{@code
 * Sample s = Sample.gold("s1", "img/0001.png", "Left basal effusion.", List.of(new Box(0.55, 0.6, 0.9, 0.95)));
 * s.group();   // Group.SINGLE
 * }</pre>
 *
 * @param id       unique within a file
 * @param image    image path, relative to the file's folder or absolute
 * @param sentence the sentence (may be empty in predictions that only carry boxes)
 * @param boxes    normalised corner boxes, possibly none
 * @param scores   one confidence per box, or {@code null} for gold samples
 * @param category finding label, or {@code null}
 * @param lang     language code ("en", "es"), or {@code null}
 */
public record Sample(
        String id, String image, String sentence, List<Box> boxes, List<Double> scores, String category, String lang) {

    /** No / single / multi, by the number of gold boxes (DESIGN.md section 5). */
    public enum Group {
        NO,
        SINGLE,
        MULTI;

        /** The group of a sample with {@code n} gold boxes. */
        public static Group of(int n) {
            return n == 0 ? NO : n == 1 ? SINGLE : MULTI;
        }

        /** Lower-case name as used in metrics.json ({@code "no"}, {@code "single"}, {@code "multi"}). */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @throws IllegalArgumentException on a missing id or box list, or scores of the wrong length */
    public Sample {
        Objects.requireNonNull(id, "sample id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("sample id is empty");
        }
        boxes = List.copyOf(Objects.requireNonNull(boxes, "boxes"));
        if (scores != null) {
            scores = List.copyOf(scores);
            if (scores.size() != boxes.size()) {
                throw new IllegalArgumentException(
                        "sample " + id + " has " + boxes.size() + " boxes but " + scores.size() + " scores");
            }
        }
    }

    /** A gold sample (no scores, no category, no language). */
    public static Sample gold(String id, String image, String sentence, List<Box> boxes) {
        return new Sample(id, image, sentence, boxes, null, null, null);
    }

    public Group group() {
        return Group.of(boxes.size());
    }

    public boolean hasScores() {
        return scores != null;
    }

    /** The same sample with other boxes and scores (e.g. a prediction for this gold sample). */
    public Sample withBoxes(List<Box> newBoxes, List<Double> newScores) {
        return new Sample(id, image, sentence, newBoxes, newScores, category, lang);
    }

    /** The same sample with these scored boxes (what a grounder returns), in their order. */
    public Sample withScoredBoxes(List<ScoredBox> scored) {
        return withBoxes(
                scored.stream().map(ScoredBox::box).toList(),
                scored.stream().map(ScoredBox::score).toList());
    }

    /**
     * This prediction's boxes with their scores, in their order.
     *
     * @throws IllegalStateException on a sample without scores (gold)
     */
    public List<ScoredBox> scoredBoxes() {
        if (scores == null) {
            throw new IllegalStateException("sample " + id + " has no scores");
        }
        return java.util.stream.IntStream.range(0, boxes.size())
                .mapToObj(i -> new ScoredBox(boxes.get(i), scores.get(i)))
                .toList();
    }
}

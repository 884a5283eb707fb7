package org.ground4j.core.viz;

import java.util.List;
import java.util.Objects;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;

/**
 * One legend entry of an {@link Overlay}: a label (usually a sentence), its boxes in normalised corner
 * coordinates of the image, and optionally one score per box. An entry without boxes still gets a legend
 * line ("no box"), which is how zero-box sentences show.
 *
 * @param label  the text shown in the legend
 * @param boxes  normalised boxes, possibly none
 * @param scores one score per box, or {@code null}
 */
public record LabelledBoxes(String label, List<Box> boxes, List<Double> scores) {

    public LabelledBoxes {
        Objects.requireNonNull(label, "label");
        boxes = List.copyOf(Objects.requireNonNull(boxes, "boxes"));
        if (scores != null) {
            scores = List.copyOf(scores);
            if (scores.size() != boxes.size()) {
                throw new IllegalArgumentException(
                        "\"" + label + "\" has " + boxes.size() + " boxes but " + scores.size() + " scores");
            }
        }
    }

    /** An entry without scores (gold boxes). */
    public static LabelledBoxes of(String label, List<Box> boxes) {
        return new LabelledBoxes(label, boxes, null);
    }

    /** An entry with the boxes and scores of predictions. */
    public static LabelledBoxes scored(String label, List<ScoredBox> predictions) {
        return new LabelledBoxes(
                label,
                predictions.stream().map(ScoredBox::box).toList(),
                predictions.stream().map(ScoredBox::score).toList());
    }
}

package org.ground4j.infer;

import java.util.List;
import java.util.Objects;
import org.ground4j.core.geometry.ScoredBox;

/**
 * One sentence of a report with the boxes grounded for it: {@code report.substring(start, end).equals(text)}.
 *
 * <pre>{@code
 * for (GroundedSentence s : grounder.groundReport(image, report).sentences()) {
 *     System.out.println(s.text() + " -> " + s.boxes());
 * }
 * }</pre>
 *
 * @param text  the sentence as it appears in the report
 * @param start offset of its first character in the report
 * @param end   offset just past its last character
 * @param boxes boxes in normalised {@code x1 y1 x2 y2} coordinates of the original image, by descending score;
 *              empty when the sentence names nothing visible ("No pneumothorax.")
 */
public record GroundedSentence(String text, int start, int end, List<ScoredBox> boxes) {

    /** @throws IllegalArgumentException when the offsets do not match the text's length */
    public GroundedSentence {
        Objects.requireNonNull(text, "text");
        boxes = List.copyOf(Objects.requireNonNull(boxes, "boxes"));
        if (start < 0 || end - start != text.length()) {
            throw new IllegalArgumentException(
                    "sentence offsets [" + start + ", " + end + ") do not match its " + text.length() + " characters");
        }
    }
}

package org.ground4j.infer;

import java.util.List;
import java.util.Objects;

/**
 * A report grounded on one image: every sentence with its boxes, in report order.
 *
 * <pre>{@code
 * GroundedReport r = grounder.groundReport(ImageInput.of(Path.of("cxr.png")), "Cardiomegaly. No effusion.");
 * r.sentences().get(0).boxes();   // boxes of "Cardiomegaly."
 * }</pre>
 *
 * @param image       how the image was named ({@link ImageInput#name()})
 * @param imageWidth  the original image's width in pixels (boxes are normalised to it)
 * @param imageHeight the original image's height in pixels
 * @param sentences   the sentences found by {@link SentenceSplitter}, at least one
 */
public record GroundedReport(String image, int imageWidth, int imageHeight, List<GroundedSentence> sentences) {

    /** @throws IllegalArgumentException on a non-positive size or no sentence */
    public GroundedReport {
        Objects.requireNonNull(image, "image");
        sentences = List.copyOf(Objects.requireNonNull(sentences, "sentences"));
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + imageWidth + "x" + imageHeight);
        }
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("a grounded report has at least one sentence");
        }
    }
}

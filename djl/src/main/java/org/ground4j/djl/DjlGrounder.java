package org.ground4j.djl;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.VisionLanguageInput;
import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.GrounderOptions;
import org.ground4j.infer.ImageInput;

/**
 * ground4j in DJL's types, for applications built on DJL's {@code Application.CV.ZERO_SHOT_OBJECT_DETECTION}: a
 * DJL {@link Image} and the sentences in (or a {@link VisionLanguageInput}), one {@link DetectedObjects} per
 * sentence out, each object named by its sentence, with its confidence and a {@link Rectangle} normalised to the
 * image ({@code x, y, width, height} in [0,1], as DJL's detectors give them).
 *
 * <p>It wraps a {@link Grounder} rather than a DJL {@code ZooModel}: a DJL {@code Predictor} runs a {@code Block} on
 * a DJL engine's arrays, and ground4j's network runs on ND4J, for which DJL has no engine. What DJL's
 * {@code Predictor} contract asks of thread safety holds more strongly here: one {@code DjlGrounder} may be shared
 * by any number of threads (each call runs in its own inference session over shared weights), and
 * {@link #close()} waits for calls in progress.
 *
 * <pre>{@code
 * try (DjlGrounder grounder = DjlGrounder.load(Path.of("models/demo"))) {
 *     Image image = ImageFactory.getInstance().fromFile(Path.of("cxr.png"));
 *     List<DetectedObjects> perSentence = grounder.detect(image,
 *             List.of("Small left pleural effusion.", "No pneumothorax."));
 *     image.drawBoundingBoxes(perSentence.get(0));   // DJL draws the boxes of the first sentence
 * }
 * }</pre>
 */
public final class DjlGrounder implements AutoCloseable {

    private final Grounder grounder;

    /** Wraps a grounder; closing this closes it. */
    public DjlGrounder(Grounder grounder) {
        this.grounder = Objects.requireNonNull(grounder, "grounder");
    }

    /** Loads a checkpoint directory with its own post-processing settings. */
    public static DjlGrounder load(Path checkpoint) {
        return new DjlGrounder(Grounder.load(checkpoint));
    }

    /** Loads a checkpoint directory with these overrides (threshold, fusion IoU, image limits). */
    public static DjlGrounder load(Path checkpoint, GrounderOptions options) {
        return new DjlGrounder(Grounder.load(checkpoint, options));
    }

    /** The wrapped grounder, for what DJL's types do not carry (sentence offsets, counters). */
    public Grounder grounder() {
        return grounder;
    }

    /**
     * Grounds each sentence on the image, the image encoded once.
     *
     * @return one {@link DetectedObjects} per sentence, in order; empty for a sentence with no finding to place
     * @throws InvalidInputException when a sentence is empty or the image cannot be read
     */
    public List<DetectedObjects> detect(Image image, List<String> sentences) {
        List<List<ScoredBox>> boxes = grounder.groundSentences(input(image), sentences);
        List<DetectedObjects> out = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            out.add(detectedObjects(sentences.get(i), boxes.get(i)));
        }
        return out;
    }

    /**
     * DJL's zero-shot detection input: the image and its candidate texts ({@code getCandidates()}, or the one
     * {@code getText()} when there are none), each grounded as a sentence.
     *
     * @return one {@link DetectedObjects} per text, in order
     */
    public List<DetectedObjects> detect(VisionLanguageInput in) {
        String[] candidates = in.getCandidates();
        List<String> texts = candidates != null && candidates.length > 0
                ? Arrays.asList(candidates)
                : List.of(Objects.requireNonNullElse(in.getText(), ""));
        return detect(in.getImage(), texts);
    }

    /** A sentence's scored boxes as DJL objects named by the sentence. */
    static DetectedObjects detectedObjects(String sentence, List<ScoredBox> boxes) {
        List<String> names = new ArrayList<>(boxes.size());
        List<Double> scores = new ArrayList<>(boxes.size());
        List<BoundingBox> rectangles = new ArrayList<>(boxes.size());
        for (ScoredBox s : boxes) {
            Box b = s.box();
            names.add(sentence);
            scores.add(s.score());
            rectangles.add(new Rectangle(b.x1(), b.y1(), b.width(), b.height()));
        }
        return new DetectedObjects(names, scores, rectangles);
    }

    /**
     * A DJL image as ground4j's input: a {@code BufferedImage} (DJL's default image factory) directly, any other
     * implementation through its PNG encoding, which needs no DJL engine.
     */
    static ImageInput input(Image image) {
        Objects.requireNonNull(image, "image");
        if (image.getWrappedImage() instanceof BufferedImage buffered) {
            return ImageInput.of(buffered);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            image.save(png, "png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the DJL image as PNG: " + e.getMessage(), e);
        }
        return ImageInput.of(png.toByteArray(), "DJL image");
    }

    /** Closes the grounder after the calls in progress. */
    @Override
    public void close() {
        grounder.close();
    }
}

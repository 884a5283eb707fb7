package org.ground4j.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.data.readers.ImagePaths;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.io.OutputLock;

/**
 * Grounds every sample of a JSON Lines file (DESIGN.md section 6) and writes the predictions in the same format,
 * ready for {@code ground4j eval}: each line keeps {@code id}, {@code sentence}, {@code category} and
 * {@code lang}, and gets the predicted {@code boxes} with their {@code scores} (gold boxes of the input are
 * replaced). Samples are grouped by image, so that each image is decoded and encoded once and its sentences go
 * through the model together; the output keeps the input's order. Image paths are read relative to the input
 * file's folder and written relative to the output file's folder (absolute ones stay absolute).
 *
 * <p>Strict: a malformed input line, a sample without image or sentence, or an unreadable image stops the run
 * with an {@link InvalidInputException} naming file, sample and problem. The output is written atomically at the
 * end, so an interrupted run leaves no partial file.
 *
 * <p>{@link #runShuffled} is the image ablation: each sentence is grounded on another study's image (a seeded
 * {@link ImageDerangement} of the distinct images of the input); the predictions keep the sample ids, so they
 * are evaluated against the same gold, and name the image they were made on.
 *
 * <pre>{@code
 * try (Grounder g = Grounder.load(Path.of("models/demo"))) {
 *     BatchGrounding.Summary s = BatchGrounding.run(g, Path.of("test.jsonl"), Path.of("preds.jsonl"),
 *             ProgressListener.NONE);
 * }
 * }</pre>
 */
public final class BatchGrounding {

    /**
     * @param samples sentences grounded
     * @param images  distinct images encoded
     */
    public record Summary(int samples, int images) {}

    private BatchGrounding() {}

    /** Grounds {@code input} into {@code output}. */
    public static Summary run(Grounder grounder, Path input, Path output, ProgressListener progress) {
        return run(grounder, input, output, null, progress);
    }

    /**
     * Grounds {@code input} into {@code output} with every image replaced by another image of the input, the
     * same one for all sentences of an image (so each image is still encoded once).
     *
     * <pre>{@code
     * BatchGrounding.runShuffled(g, Path.of("test.jsonl"), Path.of("shuffled.jsonl"), 1, ProgressListener.NONE);
     * }</pre>
     *
     * @param seed the derangement's seed: the same seed and images give the same pairing
     * @throws InvalidInputException also when the input has fewer than two distinct images
     */
    public static Summary runShuffled(
            Grounder grounder, Path input, Path output, long seed, ProgressListener progress) {
        return run(grounder, input, output, seed, progress);
    }

    /** @param shuffleSeed null: each sentence on its own image */
    private static Summary run(
            Grounder grounder, Path input, Path output, Long shuffleSeed, ProgressListener progress) {
        List<Sample> samples = SampleJsonl.read(input);
        if (samples.isEmpty()) {
            throw new InvalidInputException(input + ": no samples (expected one JSON object per line with "
                    + "\"id\", \"image\" and \"sentence\")");
        }
        Map<Path, List<Integer>> byImage = new LinkedHashMap<>();
        Map<Path, String> imageText = new HashMap<>(); // how the input first wrote each image
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.image() == null || s.image().isBlank()) {
                throw new InvalidInputException(input + ": sample \"" + s.id() + "\" has no \"image\"");
            }
            if (s.sentence() == null || s.sentence().isBlank()) {
                throw new InvalidInputException(input + ": sample \"" + s.id() + "\" has an empty \"sentence\"");
            }
            Path image;
            try {
                image = ImagePathResolver.resolve(input, s.image());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(input + ": sample \"" + s.id() + "\": " + e.getMessage(), e);
            }
            byImage.computeIfAbsent(image, k -> new ArrayList<>()).add(i);
            imageText.putIfAbsent(image, s.image());
        }
        Map<Path, Path> groundOn = new HashMap<>();
        if (shuffleSeed == null) {
            byImage.keySet().forEach(image -> groundOn.put(image, image));
        } else {
            try {
                groundOn.putAll(ImageDerangement.of(byImage.keySet(), shuffleSeed));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        input + ": cannot ground on another study's image: " + e.getMessage(), e);
            }
        }
        List<Path> inputs = new ArrayList<>(byImage.keySet());
        inputs.add(input);
        try (OutputLock lock = OutputLock.acquire(output, inputs.toArray(Path[]::new))) {
            return ground(grounder, input, output, samples, byImage, groundOn, imageText, progress);
        }
    }

    private static Summary ground(
            Grounder grounder,
            Path input,
            Path output,
            List<Sample> samples,
            Map<Path, List<Integer>> byImage,
            Map<Path, Path> groundOn,
            Map<Path, String> imageText,
            ProgressListener progress) {
        Sample[] predicted = new Sample[samples.size()];
        Path outputDir = output.toAbsolutePath().getParent();
        long done = 0;
        progress.update(0, samples.size());
        for (Map.Entry<Path, List<Integer>> group : byImage.entrySet()) {
            List<Integer> members = group.getValue();
            List<String> sentences =
                    members.stream().map(i -> samples.get(i).sentence()).toList();
            Path image = groundOn.get(group.getKey());
            List<List<ScoredBox>> boxes;
            try {
                boxes = grounder.groundSentences(ImageInput.of(image), sentences);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(
                        input + ": sample \"" + samples.get(members.get(0)).id() + "\""
                                + (image.equals(group.getKey()) ? "" : " (grounded on " + imageText.get(image) + ")")
                                + ": "
                                + e.getMessage(),
                        e);
            }
            // the prediction names the image it was made on: its own, or the other study's when shuffled
            String text = image.equals(group.getKey()) ? null : imageText.get(image);
            for (int k = 0; k < members.size(); k++) {
                Sample s = samples.get(members.get(k));
                String written = text == null ? s.image() : text;
                boolean absolute = Path.of(written).isAbsolute(); // absolute paths stay as written
                Sample located = new Sample(
                        s.id(),
                        absolute ? written : image.toString(),
                        s.sentence(),
                        List.of(),
                        null,
                        s.category(),
                        s.lang());
                Sample relocated = absolute ? located : ImagePaths.relativeTo(located, outputDir);
                predicted[members.get(k)] = relocated.withScoredBoxes(boxes.get(k));
            }
            done += members.size();
            progress.update(done, samples.size());
        }
        SampleJsonl.write(output, List.of(predicted));
        return new Summary(samples.size(), byImage.size());
    }
}

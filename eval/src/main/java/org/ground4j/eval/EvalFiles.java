package org.ground4j.eval;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;

/**
 * Reads a gold file and a prediction file in the JSON Lines format (DESIGN.md section 6) and evaluates
 * them. Reading is strict ({@link SampleJsonl}): a malformed line, a box outside [0,1] or inverted, scores
 * of the wrong length or a duplicate id stop with an {@link InvalidInputException} naming file and line;
 * so does a file without any sample.
 *
 * <pre>{@code
 * Evaluation ev = EvalFiles.evaluate(Path.of("gold.jsonl"), Path.of("pred.jsonl"));
 * }</pre>
 */
public final class EvalFiles {

    private EvalFiles() {}

    /** Reads both files and evaluates the predictions against gold. */
    public static Evaluation evaluate(Path gold, Path predictions) {
        List<Sample> g = readNonEmpty(gold, "gold");
        List<Sample> p = readNonEmpty(predictions, "prediction");
        return Evaluator.evaluate(g, p);
    }

    /**
     * Reads and evaluates predictions made on shuffled images ({@code ground4j ground --shuffle-images SEED} on
     * the gold samples), for {@link ImageAblation}. Stricter than {@link #evaluate}, because a mismatch would not
     * just lower a figure but fake a drop: the file must hold a prediction for exactly the gold ids, and no
     * prediction may name the image of its gold sample (image paths resolved against each file's folder; a
     * sample without an image on either side is not checked).
     *
     * <pre>{@code
     * ImageAblation a = ImageAblation.of(EvalFiles.evaluate(gold, preds), EvalFiles.evaluateShuffled(gold, shuffled));
     * }</pre>
     *
     * @throws InvalidInputException naming the shuffled file and the first offending ids
     */
    public static Evaluation evaluateShuffled(Path gold, Path shuffled) {
        List<Sample> g = readNonEmpty(gold, "gold");
        List<Sample> s = readNonEmpty(shuffled, "shuffled-image prediction");
        Map<String, Sample> goldById = new HashMap<>(g.size() * 2);
        g.forEach(sample -> goldById.put(sample.id(), sample));
        Set<String> shuffledIds = new HashSet<>(s.size() * 2);
        List<String> unknown = new ArrayList<>();
        for (Sample p : s) {
            shuffledIds.add(p.id());
            if (!goldById.containsKey(p.id())) {
                unknown.add(p.id());
            }
        }
        String expected = ": the shuffled-image predictions must be made from the gold samples "
                + "(ground --input GOLD --output S --shuffle-images SEED)";
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(shuffled + ": " + unknown.size() + " id(s) not in gold " + gold + " ("
                    + firstIds(unknown) + ")" + expected);
        }
        List<String> missing = g.stream()
                .map(Sample::id)
                .filter(id -> !shuffledIds.contains(id))
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(shuffled + ": no prediction for " + missing.size() + " gold id(s) ("
                    + firstIds(missing) + ")" + expected);
        }
        for (Sample p : s) {
            Sample own = goldById.get(p.id());
            Path predicted = resolve(shuffled, p.image());
            if (predicted != null && predicted.equals(resolve(gold, own.image()))) {
                throw new InvalidInputException(shuffled + ": sample \"" + p.id() + "\" was grounded on its own image "
                        + own.image() + ": expected predictions made with ground --shuffle-images SEED");
            }
        }
        return Evaluator.evaluate(g, s);
    }

    /**
     * Reads gold and two prediction files for the same gold samples and compares them sample by sample
     * ({@link PairedComparison}).
     *
     * <pre>{@code
     * PairedComparison c = EvalFiles.compare(Path.of("gold.jsonl"), Path.of("new.jsonl"), Path.of("old.jsonl"));
     * c.get("overall").pValue();
     * }</pre>
     *
     * @throws InvalidInputException on a malformed file, or a prediction file that does not hold exactly the
     *                               gold ids (naming it and the first offending ids)
     */
    public static PairedComparison compare(Path gold, Path candidate, Path baseline) {
        List<Sample> g = readNonEmpty(gold, "gold");
        List<Sample> a = readNonEmpty(candidate, "prediction");
        List<Sample> b = readNonEmpty(baseline, "prediction");
        try {
            return PairedComparison.of(g, a, candidate.toString(), b, baseline.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** An image path of a sample file, absolute and normalised; null when there is none or it is not a path. */
    private static Path resolve(Path file, String image) {
        if (image == null || image.isBlank()) {
            return null;
        }
        try {
            Path folder = file.toAbsolutePath().getParent();
            return folder.resolve(image).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The first ids of a list, sorted, for an error message: {@code "a, b, ..."}. */
    static String firstIds(List<String> ids) {
        List<String> sorted = ids.stream().sorted().toList();
        List<String> shown = sorted.subList(0, Math.min(sorted.size(), Evaluator.IDS_IN_WARNING));
        return String.join(", ", shown) + (sorted.size() > shown.size() ? ", ..." : "");
    }

    /**
     * Reads every sample of a file that must hold at least one.
     *
     * @param role what the file is, for the error message ("gold", "prediction")
     */
    public static List<Sample> readNonEmpty(Path file, String role) {
        List<Sample> samples = SampleJsonl.read(file);
        if (samples.isEmpty()) {
            throw new InvalidInputException(file + ": empty " + role
                    + " file: expected one JSON sample per line ({\"id\": ..., \"boxes\": [...]})");
        }
        return samples;
    }
}

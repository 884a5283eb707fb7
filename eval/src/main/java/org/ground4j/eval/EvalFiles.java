package org.ground4j.eval;

import java.nio.file.Path;
import java.util.List;
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

    private EvalFiles() {
    }

    /** Reads both files and evaluates the predictions against gold. */
    public static Evaluation evaluate(Path gold, Path predictions) {
        List<Sample> g = readNonEmpty(gold, "gold");
        List<Sample> p = readNonEmpty(predictions, "prediction");
        return Evaluator.evaluate(g, p);
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

package org.ground4j.examples;

import java.nio.file.Path;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ProgressListener;
import org.ground4j.infer.ReportAttacher;

/**
 * The JSON Lines pipeline step: a report generator wrote one study per line ({@code {"id", "image", "report"}});
 * this step appends every sentence's boxes and scores ({@code "sentences": [{text, start, end, boxes, scores}]})
 * and keeps the other keys. Run it again after an interruption and it carries on where it stopped; bad rows are
 * printed and collected in {@code OUTPUT.errors.jsonl} without stopping the run. The same as
 * {@code ./ground4j attach}.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.ground4j.examples.JsonlPipelineStep
 * -Dexec.args="MODEL_DIR reports.jsonl grounded.jsonl"}; the exit status is 0 when every row was grounded (or
 * already was), 2 when some row was bad.
 *
 * <pre>{@code
 * ReportAttacher.Summary s = JsonlPipelineStep.run(Path.of("models/demo"), in, out);
 * }</pre>
 */
public final class JsonlPipelineStep {

    private JsonlPipelineStep() {}

    /** Attaches boxes to every study of {@code input} not yet in {@code output}. */
    public static ReportAttacher.Summary run(Path checkpoint, Path input, Path output) {
        ProgressListener everyTenth = (done, total) -> {
            if (total > 0 && done > 0 && (done * 10 / total) != ((done - 1) * 10 / total)) {
                System.out.println("  " + done + " of " + total + " studies");
            }
        };
        try (Grounder grounder = Grounder.load(checkpoint)) {
            return ReportAttacher.run(
                    grounder,
                    input,
                    output,
                    f -> System.out.println("  skipped line " + f.line() + ": " + f.reason()),
                    everyTenth);
        }
    }

    /** {@code MODEL_DIR INPUT.jsonl OUTPUT.jsonl}. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: JsonlPipelineStep MODEL_DIR INPUT.jsonl OUTPUT.jsonl");
            System.exit(2);
        }
        Path output = Path.of(args[2]);
        ReportAttacher.Summary s = run(Path.of(args[0]), Path.of(args[1]), output);
        System.out.println(s.written() + " studies grounded, " + s.skipped() + " already done, " + s.failed() + " bad"
                + (s.failed() > 0 ? " (see " + ReportAttacher.errorsFile(output) + ")" : ""));
        if (s.failed() > 0) {
            System.exit(2);
        }
    }
}

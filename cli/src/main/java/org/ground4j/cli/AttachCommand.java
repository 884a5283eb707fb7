package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ReportAttacher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j attach}: the pipeline step that attaches every sentence's boxes to generated reports
 * ({@link ReportAttacher}). Resumable; bad rows are reported, not fatal; exit status 2 when any row was bad.
 */
@Command(
        name = "attach",
        mixinStandardHelpOptions = true,
        description = {
            "Attach boxes to the sentences of reports, one study per line.",
            "Input line: {\"id\", \"image\", \"report\", ...}; output line: the same plus \"sentences\": "
                    + "[{text, start, end, boxes, scores}]. Ids already in the output are skipped, so the command "
                    + "resumes after an interruption; lines are appended whole.",
            "Bad rows (unreadable image, empty report, missing id, duplicate id) go to stderr and to "
                    + "OUTPUT.errors.jsonl (OUTPUT without .jsonl); the run goes on.",
            "Exit status 0 when every row was grounded or skipped, 2 when any row was bad (or the input or model "
                    + "is unusable)."
        })
final class AttachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "REPORTS.jsonl",
            description = "One study per line; image paths relative to this file's folder.")
    Path input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "GROUNDED.jsonl",
            description = "Appended to; created when missing.")
    Path output;

    @Mixin
    PostProcessingOptions post;

    @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err, "reports", progress);
        ReportAttacher.Summary s;
        try (Grounder grounder = Grounder.load(model, post.grounderOptions())) {
            s = ReportAttacher.run(
                    grounder,
                    input,
                    output,
                    f -> bar.message("ground4j attach: " + input + ":" + f.line()
                            + (f.id() == null ? "" : " (id " + f.id() + ")") + ": " + f.reason()),
                    bar);
        }
        String listed = s.failed() == 0 ? "" : " (listed in " + ReportAttacher.errorsFile(output) + ")";
        err.println("attach: " + s.written() + " grounded, " + s.skipped() + " already in " + output + ", " + s.failed()
                + " bad" + listed);
        err.flush();
        return s.failed() == 0 ? 0 : Main.EXIT_BAD_INPUT;
    }
}

package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ground4j.core.data.weak.WeakJsonl;
import org.ground4j.core.data.weak.WeakLabelCleaner;
import org.ground4j.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j data clean-weak --in weak.jsonl --out clean.jsonl}: the stage-1 weak-label cleanup; prints the
 * report of every kind of change and writes it as JSON beside the output.
 */
@Command(
        name = "clean-weak",
        mixinStandardHelpOptions = true,
        description = {
            "Clean weak sentence -> anatomy labels for stage 1: keep the most specific regions, drop the "
                    + "boxes of negated sentences and normal statements, keep sentences without regions as zero-box "
                    + "samples.",
            "Input: JSON Lines samples with \"regions\" (one name per box) and optional \"attributes\"."
        })
final class DataCleanWeakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "weak.jsonl", description = "Weak samples.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "clean.jsonl", description = "Cleaned samples.")
    Path out;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Where to write the JSON report (default: <out>.report.json beside the output).")
    Path report;

    @Override
    public Integer call() {
        WeakLabelCleaner.Result result = WeakLabelCleaner.standard().clean(WeakJsonl.read(in));
        WeakJsonl.write(out, result.samples());
        Path reportFile = report != null ? report : DataCommand.beside(out, ".report.json");
        AtomicFiles.writeString(reportFile, result.report().toJson());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(result.report().toText());
        stdout.println("wrote " + result.samples().size() + " samples to " + out);
        stdout.println("wrote the report to " + reportFile);
        stdout.flush();
        return 0;
    }
}

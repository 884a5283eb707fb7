package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ground4j.eval.EvalFiles;
import org.ground4j.eval.PairedComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j compare --gold GOLD.jsonl --pred NEW.jsonl --baseline OLD.jsonl}: two prediction files for the same
 * gold samples compared sample by sample on P@F1=1 ({@link PairedComparison}), as a Markdown table on standard
 * output: each side's figure with its standard error, the difference, the samples only one side gets right, and
 * McNemar's exact p-value, for overall / no / single / multi / anchored / free.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two prediction files for the same gold samples, sample by sample (P@F1=1): "
                    + "the sentences only one of them gets right and McNemar's exact p-value, by group.",
            "Prints a Markdown table. Both files must hold a prediction for exactly the gold ids."
        })
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--gold",
            required = true,
            paramLabel = "GOLD.jsonl",
            description = "Gold samples, JSON Lines: id, boxes, optional category.")
    Path gold;

    @Option(
            names = "--pred",
            required = true,
            paramLabel = "PRED.jsonl",
            description = "The candidate's predictions (a new model, another threshold), joined to gold by id.")
    Path pred;

    @Option(
            names = "--baseline",
            required = true,
            paramLabel = "BASE.jsonl",
            description = "The predictions to compare against, for the same gold samples.")
    Path baseline;

    @Override
    public Integer call() {
        PairedComparison c = EvalFiles.compare(gold, pred, baseline);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(c.toMarkdown(name(pred), name(baseline)));
        stdout.flush();
        return 0;
    }

    /** A file's name for a column header; the whole path when both files share a name. */
    private String name(Path file) {
        Path a = pred.getFileName();
        Path b = baseline.getFileName();
        return a != null && a.equals(b) ? file.toString() : String.valueOf(file.getFileName());
    }
}

package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ground4j.eval.EvalFiles;
import org.ground4j.eval.EvalOutputs;
import org.ground4j.eval.Evaluation;
import org.ground4j.eval.ImageAblation;
import org.ground4j.eval.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j eval --gold GOLD.jsonl --pred PRED.jsonl --out DIR [--shuffled S.jsonl]}: the GMPG metrics of
 * predictions against gold, written to {@code DIR/metrics.json}, {@code DIR/report.md} and {@code DIR/*.png}, with
 * a short table on standard output; with {@code --shuffled}, also the image ablation ({@link ImageAblation}).
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate predicted boxes against gold boxes (P@F1=1, N-Acc, CH-F1, mIoU, Acc by group, "
                    + "by placement group (anchored, free), by category and over the confidence threshold).",
            "Writes DIR/metrics.json, DIR/report.md and DIR/*.png. Images are not opened."
        })
final class EvalCommand implements Callable<Integer> {

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
            description = "Predicted samples, JSON Lines, joined to gold by id; scores enable the threshold sweep.")
    Path pred;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the outputs.")
    Path out;

    @Option(
            names = "--shuffled",
            paramLabel = "S.jsonl",
            description = "Predictions for the same gold samples made with 'ground --shuffle-images': adds the image "
                    + "ablation (P@F1=1 and mIoU with the real and the shuffled image, and the drop, per group).")
    Path shuffled;

    @Override
    public Integer call() {
        Evaluation ev = EvalFiles.evaluate(gold, pred);
        // evaluated before anything is written, so a bad --shuffled file leaves no half-updated folder
        ImageAblation ablation =
                shuffled == null ? null : ImageAblation.of(ev, EvalFiles.evaluateShuffled(gold, shuffled));
        List<Path> written = EvalOutputs.write(
                ev, ablation, out, gold.toString(), pred.toString(), shuffled == null ? null : shuffled.toString());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(SummaryTable.render(ev, ablation));
        written.forEach(f -> stdout.println("wrote " + f));
        stdout.flush();
        return 0;
    }
}

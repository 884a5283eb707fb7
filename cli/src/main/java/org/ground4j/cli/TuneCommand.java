package org.ground4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.eval.RelativeSweep;
import org.ground4j.eval.SweepPoint;
import org.ground4j.infer.BatchGrounding;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.GrounderOptions;
import org.ground4j.infer.PostProcessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j tune}: chooses a checkpoint's confidence threshold and relative threshold on a validation set
 * (grounded once keeping every query's box, then {@link RelativeSweep}) and writes the checkpoint with them.
 * What a training run does at each expert epoch, for a checkpoint made before or elsewhere, or for other data.
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description = {
            "Choose the confidence threshold and the relative threshold (and, with several --fusion-iou, "
                    + "the fusion IoU) on validation samples and write the checkpoint with them.",
            "Grounds --data once (every query's box), post-processes it with every pair (relative threshold 0 or "
                    + "0.50 to 1.00 by 0.05, threshold 0.05 to 0.95 by 0.05; fusion re-run each time) at each fusion "
                    + "IoU, prints the best threshold per fusion IoU and relative threshold and keeps the setting of "
                    + "highest overall P@F1=1 (among equal ones the first fusion IoU listed, then the lowest relative "
                    + "threshold, then the lowest threshold).",
            "Exit status 0 on success, 2 on bad input."
        })
final class TuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "VAL.jsonl",
            description = "Validation samples with gold boxes; image paths relative to this file's folder.")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where the tuned checkpoint goes (written atomically; may be --model itself).")
    Path out;

    @Option(
            names = "--fusion-iou",
            split = ",",
            paramLabel = "IOU",
            description = "Fusion IoUs in [0,1] to search, comma-separated, in order of preference (default: the "
                    + "checkpoint's only).")
    List<Double> fusionIous;

    @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (fusionIous != null) {
            for (double iou : fusionIous) {
                InferenceSettings.requireUnit("--fusion-iou", iou);
            }
        }
        Checkpoint ckpt = CheckpointIO.load(model);
        List<Sample> gold = SampleJsonl.read(data);
        if (gold.isEmpty()) {
            throw new InvalidInputException(data + ": no samples to tune on");
        }
        Path preds = Files.createTempFile("ground4j-tune", ".jsonl");
        List<Sample> predicted;
        PostProcessor raw = PostProcessor.RAW; // every query's box: the search re-runs fusion at each threshold
        try (Grounder grounder = Grounder.of(
                ckpt,
                new GrounderOptions(raw.threshold(), raw.fusionIou(), raw.relativeThreshold()),
                model.toString())) {
            BatchGrounding.run(grounder, data, preds, new ProgressBar(err, "sentences", progress));
            predicted = SampleJsonl.read(preds);
        } finally {
            Files.deleteIfExists(preds);
        }
        List<Double> ious = fusionIous == null ? List.of(ckpt.inference().fusionIou()) : fusionIous;
        List<Searched> searched = new ArrayList<>();
        Searched best = null;
        for (double iou : ious) {
            Searched at = new Searched(iou, RelativeSweep.run(gold, predicted, iou));
            searched.add(at);
            if (best == null
                    || at.top().best().groups().overall().pAtF1()
                            > best.top().best().groups().overall().pAtF1()) {
                best = at;
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(table(searched, best));
        RelativeSweep.Point top = best.top();
        InferenceSettings chosen = new InferenceSettings(top.best().threshold(), best.fusionIou(), top.relative());
        Map<String, String> prov = new LinkedHashMap<>(ckpt.provenance());
        prov.put("tuned_on", data.toAbsolutePath().normalize().toString());
        prov.put(
                "tuned_p_at_f1_1", Double.toString(top.best().groups().overall().pAtF1()));
        CheckpointIO.save(
                out,
                new Checkpoint(
                        ckpt.config(),
                        ckpt.weights(),
                        ckpt.tokenizerJson(),
                        chosen,
                        prov,
                        ckpt.trainState(),
                        ckpt.trainStateJson()));
        stdout.printf(
                Locale.ROOT,
                "chosen: threshold %.2f, relative threshold %.2f, fusion IoU %.2f (overall "
                        + "P@F1=1 %.1f on %d samples; was threshold %.2f, relative threshold %.2f, fusion IoU %.2f) -> %s%n",
                chosen.threshold(),
                chosen.relativeThreshold(),
                chosen.fusionIou(),
                100 * top.best().groups().overall().pAtF1(),
                gold.size(),
                ckpt.inference().threshold(),
                ckpt.inference().relativeThreshold(),
                ckpt.inference().fusionIou(),
                out);
        stdout.flush();
        return 0;
    }

    /** One fusion IoU's search and its best point. */
    record Searched(double fusionIou, RelativeSweep sweep) {
        RelativeSweep.Point top() {
            return sweep.best()
                    .orElseThrow(() -> new IllegalStateException(
                            "the grounder's predictions carry scores, so the sweep cannot be empty"));
        }
    }

    /** One row per fusion IoU and relative threshold: its best threshold and the figures there, in percent. */
    static String table(List<Searched> searched, Searched chosen) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%-6s %-9s %9s %7s %6s %9s %6s%n",
                "fusion",
                "relative",
                "threshold",
                "P@F1=1",
                "N-Acc",
                "anchored",
                "free"));
        for (Searched f : searched) {
            for (RelativeSweep.Point p : f.sweep().points()) {
                SweepPoint at = p.best();
                s.append(String.format(
                        Locale.ROOT,
                        "%-6.2f %-9.2f %9.2f %7s %6s %9s %6s%s%n",
                        f.fusionIou(),
                        p.relative(),
                        at.threshold(),
                        pct(at.groups().overall().pAtF1()),
                        pct(at.groups().no().nAcc()),
                        pct(at.byPlacement().anchored().overall().pAtF1()),
                        pct(at.byPlacement().free().overall().pAtF1()),
                        f == chosen && p == chosen.top() ? "  <- chosen" : ""));
            }
        }
        return s.toString();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}

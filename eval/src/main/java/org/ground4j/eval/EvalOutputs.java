package org.ground4j.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ground4j.core.io.AtomicFiles;

/**
 * Writes an evaluation's files into one folder, each atomically: {@code metrics.json} ({@link MetricsJson}),
 * {@code report.md} ({@link MarkdownReport}) and the PNG charts ({@link EvalCharts}). A chart that does not
 * apply to this evaluation (no sweep, no categories) is removed if an earlier run left one there.
 *
 * <pre>{@code
 * List<Path> written = EvalOutputs.write(evaluation, Path.of("out/eval"), "gold.jsonl", "pred.jsonl");
 * }</pre>
 */
public final class EvalOutputs {

    public static final String METRICS = "metrics.json";
    public static final String REPORT = "report.md";

    private EvalOutputs() {}

    /**
     * @param dir         the output folder, created if missing
     * @param gold        how the report names the gold file
     * @param predictions how the report names the prediction file
     * @return the files written, metrics.json first
     */
    public static List<Path> write(Evaluation ev, Path dir, String gold, String predictions) {
        return write(ev, null, dir, gold, predictions, null);
    }

    /**
     * The same with the image ablation in every file.
     *
     * <pre>{@code
     * EvalOutputs.write(real, ImageAblation.of(real, shuffled), dir, "gold.jsonl", "pred.jsonl", "shuffled.jsonl");
     * }</pre>
     *
     * @param ablation the image ablation, or {@code null} for none
     * @param shuffled how the report names the shuffled-image prediction file
     */
    public static List<Path> write(
            Evaluation ev, ImageAblation ablation, Path dir, String gold, String predictions, String shuffled) {
        List<Path> written = new ArrayList<>();
        Path metrics = dir.resolve(METRICS);
        MetricsJson.write(metrics, ev, ablation);
        written.add(metrics);
        Map<String, byte[]> charts = EvalCharts.render(ev, ablation);
        Path report = dir.resolve(REPORT);
        AtomicFiles.writeString(
                report, MarkdownReport.render(ev, ablation, gold, predictions, shuffled, charts.keySet()));
        written.add(report);
        charts.forEach((name, png) -> {
            Path file = dir.resolve(name);
            AtomicFiles.write(file, out -> out.write(png));
            written.add(file);
        });
        for (String name : EvalCharts.ALL) {
            if (!charts.containsKey(name)) {
                deleteStale(dir.resolve(name));
            }
        }
        return written;
    }

    /** A chart left by an earlier run into the same folder would show figures this run does not have. */
    private static void deleteStale(Path chart) {
        try {
            Files.deleteIfExists(chart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale chart " + chart + ": " + e.getMessage(), e);
        }
    }
}

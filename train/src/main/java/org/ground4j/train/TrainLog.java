package org.ground4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ground4j.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's log: one JSON object per line in {@code log.jsonl} (each appended whole, so a crash never leaves
 * half a line), and {@code curves.png} drawn from it: training loss per step and the validation metric per
 * epoch, for every stage.
 */
public final class TrainLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public TrainLog(Path dir) {
        this.file = dir.resolve("log.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Appends one event: {@code {"event": ..., fields...}}. */
    public void append(String event, Map<String, ?> fields) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", event);
        // non-finite numbers become null: NaN is not JSON
        fields.forEach((k, v) ->
                o.set(k, v instanceof Double d && !Double.isFinite(d) ? o.nullNode() : JSON.valueToTree(v)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(
                    file,
                    (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets what a killed run logged after its last checkpoint: the {@code step} events of {@code stage} past
     * {@code step} and its {@code validation} events from {@code epoch} on, which the resumed run logs again. The
     * file is rewritten atomically; other events and stages are kept as they are.
     */
    public void rewind(String stage, long step, int epoch) {
        if (!Files.exists(file)) {
            return;
        }
        List<JsonNode> kept = new ArrayList<>();
        boolean dropped = false;
        for (JsonNode e : read()) {
            boolean ours = stage.equals(e.path("stage").asText());
            String event = e.path("event").asText();
            boolean after = ours
                    && (event.equals("step") && e.path("step").asLong() > step
                            || event.equals("validation") && e.path("epoch").asInt() >= epoch);
            if (after) {
                dropped = true;
            } else {
                kept.add(e);
            }
        }
        if (dropped) {
            AtomicFiles.writeText(file, w -> {
                for (JsonNode e : kept) {
                    w.write(JSON.writeValueAsString(e));
                    w.write('\n');
                }
            });
        }
    }

    /** Draws {@code curves.png} beside the log (atomically). */
    public void drawCurves() {
        List<JsonNode> events = read();
        XYChart loss = new XYChartBuilder()
                .width(900)
                .height(420)
                .title("Training loss")
                .xAxisTitle("step")
                .yAxisTitle("loss (all decoder layers)")
                .build();
        XYChart val = new XYChartBuilder()
                .width(900)
                .height(420)
                .title("Validation")
                .xAxisTitle("epoch")
                .yAxisTitle("metric")
                .build();
        boolean anyLoss = false, anyVal = false;
        for (String stage : new String[] {"weak", "expert"}) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>(), ex = new ArrayList<>(), ey = new ArrayList<>();
            for (JsonNode e : events) {
                if (!stage.equals(e.path("stage").asText())) {
                    continue;
                }
                if (e.path("event").asText().equals("step") && e.path("loss").isNumber()) {
                    x.add(e.path("step").asDouble());
                    y.add(e.path("loss").asDouble());
                } else if (e.path("event").asText().equals("validation")) {
                    ex.add(e.path("epoch").asDouble() + 1);
                    ey.add(e.path("metric").asDouble());
                }
            }
            if (!x.isEmpty()) {
                loss.addSeries(stage, x, y).setMarker(SeriesMarkers.NONE);
                anyLoss = true;
            }
            if (!ex.isEmpty()) {
                val.addSeries(stage + " (" + (stage.equals("weak") ? "mIoU" : "P@F1=1") + ")", ex, ey);
                anyVal = true;
            }
        }
        if (anyLoss) {
            write(loss, "curves-loss.png");
        }
        if (anyVal) {
            write(val, "curves-validation.png");
        }
    }

    private void write(XYChart chart, String name) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(file.resolveSibling(name), out -> out.write(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event so far; a torn last line (only possible if the file was edited) is ignored. */
    public List<JsonNode> read() {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException torn) {
                    // an incomplete final line: skip it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

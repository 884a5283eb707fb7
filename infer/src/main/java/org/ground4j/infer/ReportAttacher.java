package org.ground4j.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.OutputLock;
import org.ground4j.core.io.TextFiles;

/**
 * The pipeline step that attaches boxes to generated reports. Each input line is one study,
 * {@code {"id": "...", "image": "path.png", "report": "...", ...any other keys}}; each output line is the same
 * object, keys and order kept, plus {@code "sentences": [{"text", "start", "end", "boxes", "scores"}, ...]}
 * ({@link ReportJson#sentences}). Image paths are read relative to the input file's folder and written unchanged.
 *
 * <p><b>Resumable</b>: ids already in the output are skipped, so running the same command again after a crash or
 * an interruption finishes the work. Each output line is appended whole (one write, then a flush); a partial last
 * line left by a crash is cut off when the next run starts.
 *
 * <p><b>Bad rows do not stop the run</b>: a line that is not a JSON object, lacks an id or an image, has an empty
 * report, repeats an id, or names an image that cannot be read is reported to {@code onFailure} and written to
 * {@link #errorsFile} ({@code {"line", "id", "error"}}), which each run recreates, so it lists the failures of the
 * latest run; those rows are retried by the next run. Anything else (the output cannot be written, the model
 * fails) stops the run, which can then be resumed.
 *
 * <pre>{@code
 * try (Grounder g = Grounder.load(Path.of("models/demo"))) {
 *     ReportAttacher.Summary s = ReportAttacher.run(g, Path.of("reports.jsonl"), Path.of("grounded.jsonl"),
 *             f -> System.err.println(f), ProgressListener.NONE);
 *     if (s.failed() > 0) { ... see grounded.errors.jsonl ... }
 * }
 * }</pre>
 */
public final class ReportAttacher {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One bad input row.
     *
     * @param line   1-based line number in the input
     * @param id     the row's id, or {@code null} when it has none
     * @param reason what is wrong, naming the input (image path, field)
     */
    public record Failure(int line, String id, String reason) {}

    /**
     * @param written rows grounded and appended by this run
     * @param skipped rows whose id was already in the output
     * @param failed  bad rows (see {@link Failure})
     */
    public record Summary(int written, int skipped, int failed) {}

    private ReportAttacher() {}

    /** Where the failures of a run on {@code output} go: {@code NAME.errors.jsonl} beside {@code NAME.jsonl}. */
    public static Path errorsFile(Path output) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return output.resolveSibling(stem + ".errors.jsonl");
    }

    /**
     * Grounds every report of {@code input} not yet in {@code output} and appends it there.
     *
     * @param onFailure told about each bad row as it happens
     * @param progress  told after each input line (units: non-blank input lines)
     * @throws InvalidInputException when the input file is missing or the existing output holds a malformed line
     */
    public static Summary run(
            Grounder grounder, Path input, Path output, Consumer<Failure> onFailure, ProgressListener progress) {
        try (OutputLock lock = OutputLock.acquire(output, input)) {
            if (OutputLock.sameFile(errorsFile(output), input)) {
                throw new InvalidInputException(
                        input + ": would be overwritten by the error list of " + output + "; give another output name");
            }
            return attach(grounder, input, output, onFailure, progress);
        }
    }

    private static Summary attach(
            Grounder grounder, Path input, Path output, Consumer<Failure> onFailure, ProgressListener progress) {
        List<Line> lines = readLines(input);
        long total = lines.stream()
                .filter(l -> l.text() == null || !l.text().isBlank())
                .count();
        Set<String> already = existingIds(output);
        Map<String, Integer> seen = new HashMap<>();
        int written = 0, skipped = 0, failed = 0;
        long done = 0;
        progress.update(0, total);
        try (LineAppender out = LineAppender.open(output, false);
                LineAppender errors = LineAppender.open(errorsFile(output), true)) {
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                int no = i + 1;
                Row row = line.text() == null ? bad(null, null, line.problem()) : parse(line.text());
                String problem = row.problem();
                if (problem == null && seen.containsKey(row.id())) {
                    problem = "duplicate id \"" + row.id() + "\" (first on line " + seen.get(row.id()) + ")";
                } else if (problem == null) {
                    seen.put(row.id(), no);
                }
                if (problem == null && already.contains(row.id())) {
                    skipped++;
                } else {
                    if (problem == null) {
                        problem = ground(grounder, input, row, out);
                    }
                    if (problem == null) {
                        written++;
                    } else {
                        failed++;
                        Failure f = new Failure(no, row.id(), problem);
                        errors.append(errorLine(f));
                        onFailure.accept(f);
                    }
                }
                progress.update(++done, total);
            }
        }
        return new Summary(written, skipped, failed);
    }

    /** Grounds one well-formed row and appends it; returns the problem of a bad image or report, else null. */
    private static String ground(Grounder grounder, Path input, Row row, LineAppender out) {
        GroundedReport grounded;
        try {
            Path image = ImagePathResolver.resolve(input, row.image());
            grounded = grounder.groundReport(ImageInput.of(image), row.report());
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        row.node().set("sentences", ReportJson.sentences(grounded));
        out.append(write(row.node()));
        return null;
    }

    /**
     * An input line as {@code attach} checks it, the same checks for every runner of the format (the Spark job
     * too).
     *
     * @param node    the object, or {@code null} when the line is not one
     * @param id      the id, or {@code null} when missing
     * @param image   the image path as written
     * @param report  the report text
     * @param problem what is wrong, naming the field, or {@code null} when the row can be grounded
     */
    public record Row(ObjectNode node, String id, String image, String report, String problem) {}

    /** Checks one input line: a JSON object with a string id, an image path and a non-blank report. */
    public static Row parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return bad(null, null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return bad(null, null, "expected a JSON object {\"id\", \"image\", \"report\"}");
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
            return bad(object, null, "missing \"id\" (a string)");
        }
        if (!id.isTextual() || id.asText().isEmpty()) {
            return bad(object, null, "\"id\" must be a non-empty string, got " + id);
        }
        String idText = id.asText();
        JsonNode image = node.get("image");
        if (image == null || !image.isTextual() || image.asText().isBlank()) {
            return bad(object, idText, "missing \"image\" (a path)");
        }
        JsonNode report = node.get("report");
        if (report == null || !report.isTextual() || report.asText().isBlank()) {
            return bad(object, idText, "empty report text (\"report\" is missing or blank)");
        }
        return new Row(object, idText, image.asText(), report.asText(), null);
    }

    private static Row bad(ObjectNode node, String id, String problem) {
        return new Row(node, id, null, null, problem);
    }

    /** The ids of the output's complete lines, after cutting off a partial last line. */
    private static Set<String> existingIds(Path output) {
        Set<String> ids = new HashSet<>();
        if (!Files.exists(output)) {
            return ids;
        }
        try {
            LineAppender.repair(output);
            try (BufferedReader r = TextFiles.reader(output)) {
                String line;
                int no = 0;
                while ((line = r.readLine()) != null) {
                    no++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        throw new InvalidInputException(output + ":" + no + ": malformed line in the existing output ("
                                + e.getOriginalMessage() + "); move the file away to start afresh");
                    }
                    JsonNode id = node == null ? null : node.get("id");
                    JsonNode sentences = node == null ? null : node.get("sentences");
                    if (id == null || sentences == null || !sentences.isArray()) {
                        throw new InvalidInputException(output + ":" + no + ": not a grounded line (no \""
                                + (id == null ? "id" : "sentences") + "\"), so " + output + " is not an attach "
                                + "output; give another --output or move this file away to start afresh");
                    }
                    ids.add(id.asText());
                }
            }
        } catch (IOException e) {
            throw TextFiles.readError(output, "existing output", e);
        }
        return ids;
    }

    /** One input line: its text, or why it cannot be read as text (not UTF-8). */
    private record Line(String text, String problem) {}

    /** The input's lines, each decoded on its own, so that a line that is not UTF-8 is that row's error. */
    private static List<Line> readLines(Path input) {
        List<Line> lines = new ArrayList<>();
        for (TextFiles.Utf8Line l : TextFiles.readUtf8Lines(input, "input")) {
            lines.add(new Line(l.text(), l.problem()));
        }
        return lines;
    }

    private static String errorLine(Failure f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line", f.line());
        if (f.id() != null) {
            o.put("id", f.id());
        }
        o.put("error", f.reason());
        return write(o);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

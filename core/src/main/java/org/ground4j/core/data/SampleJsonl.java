package org.ground4j.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.core.io.StrictJsonLines;

/**
 * Reads and writes the JSON Lines sample format (DESIGN.md section 6), one sample per line:
 * {@code {"id": "...", "image": "...", "sentence": "...", "boxes": [[x1,y1,x2,y2], ...], "scores": [...],
 * "category": "...", "lang": "en"}}. {@code scores}, {@code category} and {@code lang} are optional.
 *
 * <p>Reading is strict: a malformed line, a box outside [0,1] or inverted, scores of the wrong length or a
 * duplicate id stop with an {@link InvalidInputException} naming file and line. Blank lines are skipped.
 *
 * <pre>{@code
 * List<Sample> gold = SampleJsonl.read(Path.of("expert.jsonl"));
 * SampleJsonl.write(Path.of("preds.jsonl"), predictions);   // atomic
 * }</pre>
 */
public final class SampleJsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleJsonl() {}

    /** Reads every sample of a file. An empty file gives an empty list; the caller decides if that is an error. */
    public static List<Sample> read(Path file) {
        return StrictJsonLines.read(file, SampleJsonl::parse, Sample::id);
    }

    /**
     * Parses one line.
     *
     * @param where names the line in error messages, e.g. {@code "gold.jsonl:12"}
     */
    public static Sample parse(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidSampleException(where + ": malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidSampleException(where + ": expected a JSON object, found " + describe(node));
        }
        String id = text(node, "id", where, true);
        String image = text(node, "image", where, false);
        String sentence = text(node, "sentence", where, false);
        List<Box> boxes = boxes(node.get("boxes"), where);
        List<Double> scores = scores(node.get("scores"), where);
        if (scores != null && scores.size() != boxes.size()) {
            throw new InvalidSampleException(
                    where + ": \"scores\" has " + scores.size() + " values for " + boxes.size() + " boxes");
        }
        return new Sample(
                id,
                image,
                sentence,
                boxes,
                scores,
                text(node, "category", where, false),
                text(node, "lang", where, false));
    }

    /** One line of JSON, no trailing newline; doubles in full precision. */
    public static String toJson(Sample s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        if (s.image() != null) {
            o.put("image", s.image());
        }
        if (s.sentence() != null) {
            o.put("sentence", s.sentence());
        }
        ArrayNode boxes = o.putArray("boxes");
        for (Box b : s.boxes()) {
            ArrayNode a = boxes.addArray();
            a.add(b.x1()).add(b.y1()).add(b.x2()).add(b.y2());
        }
        if (s.scores() != null) {
            ArrayNode sc = o.putArray("scores");
            s.scores().forEach(sc::add);
        }
        if (s.category() != null) {
            o.put("category", s.category());
        }
        if (s.lang() != null) {
            o.put("lang", s.lang());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the samples atomically, one line each. */
    public static void write(Path file, List<Sample> samples) {
        AtomicFiles.writeText(file, w -> {
            for (Sample s : samples) {
                w.write(toJson(s));
                w.write('\n');
            }
        });
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidSampleException(where + ": missing \"" + field + "\"");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidSampleException(where + ": \"" + field + "\" must be a string, found " + describe(v));
        }
        return v.asText();
    }

    private static List<Box> boxes(JsonNode arr, String where) {
        if (arr == null || arr.isNull()) {
            throw new InvalidSampleException(where + ": missing \"boxes\" (use [] for a sentence with no box)");
        }
        if (!arr.isArray()) {
            throw new InvalidSampleException(where + ": \"boxes\" must be an array, found " + describe(arr));
        }
        List<Box> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode b = arr.get(i);
            if (!b.isArray() || b.size() != 4) {
                throw new InvalidSampleException(where + ": box " + i + " must be [x1, y1, x2, y2], found " + b);
            }
            double[] c = new double[4];
            for (int k = 0; k < 4; k++) {
                if (!b.get(k).isNumber()) {
                    throw new InvalidSampleException(where + ": box " + i + " has a non-numeric coordinate: " + b);
                }
                c[k] = b.get(k).asDouble();
            }
            if (c[2] < c[0] || c[3] < c[1]) {
                throw new InvalidSampleException(where + ": box " + i + " " + b + " is inverted (x2 < x1 or y2 < y1)");
            }
            if (c[0] < 0 || c[1] < 0 || c[2] > 1 || c[3] > 1) {
                throw new InvalidSampleException(
                        where + ": box " + i + " " + b + " lies outside [0,1]: boxes are normalised to the image size");
            }
            out.add(Box.of(c));
        }
        return out;
    }

    private static List<Double> scores(JsonNode arr, String where) {
        if (arr == null || arr.isNull()) {
            return null;
        }
        if (!arr.isArray()) {
            throw new InvalidSampleException(where + ": \"scores\" must be an array, found " + describe(arr));
        }
        List<Double> out = new ArrayList<>(arr.size());
        for (JsonNode v : arr) {
            double d = v.asDouble(Double.NaN);
            if (!v.isNumber() || !(d >= 0 && d <= 1)) {
                throw new InvalidSampleException(where + ": score " + v + " is not a number in [0,1]");
            }
            out.add(d);
        }
        return out;
    }

    private static String describe(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.ground4j.core.data.weak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.data.InvalidSampleException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.core.io.StrictJsonLines;

/**
 * Reads and writes weak-label JSON Lines: the sample format of {@link SampleJsonl} plus the optional fields
 * {@code "regions"} (one region name per box) and {@code "attributes"} (see {@link WeakSample}). Reading is strict
 * like {@link SampleJsonl}: a malformed line stops with an {@link InvalidSampleException} naming file and line.
 *
 * <pre>{@code
 * List<WeakSample> weak = WeakJsonl.read(Path.of("synth/weak.jsonl"));
 * WeakJsonl.write(Path.of("clean.jsonl"), cleaned);
 * }</pre>
 */
public final class WeakJsonl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WeakJsonl() {}

    public static List<WeakSample> read(Path file) {
        return StrictJsonLines.read(file, WeakJsonl::parse, WeakSample::id);
    }

    /** Parses one line; {@code where} names it in errors. */
    public static WeakSample parse(String line, String where) {
        Sample s = SampleJsonl.parse(line, where);
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidSampleException(where + ": malformed JSON: " + e.getOriginalMessage());
        }
        List<String> regions = strings(node.get("regions"), "regions", where);
        if (regions != null && regions.size() != s.boxes().size()) {
            throw new InvalidSampleException(where + ": \"regions\" has " + regions.size() + " names for "
                    + s.boxes().size() + " boxes (expected one region name per box)");
        }
        List<String> attributes = strings(node.get("attributes"), "attributes", where);
        return new WeakSample(s, regions, attributes);
    }

    /** One line of JSON: the sample's fields, then {@code regions} and {@code attributes} when present. */
    public static String toJson(WeakSample w) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(SampleJsonl.toJson(w.sample()));
            if (w.regions() != null) {
                w.regions().forEach(o.putArray("regions")::add);
            }
            if (!w.attributes().isEmpty()) {
                w.attributes().forEach(o.putArray("attributes")::add);
            }
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes atomically, one line per sample. */
    public static void write(Path file, List<WeakSample> samples) {
        AtomicFiles.writeText(file, w -> {
            for (WeakSample s : samples) {
                w.write(toJson(s));
                w.write('\n');
            }
        });
    }

    private static List<String> strings(JsonNode arr, String field, String where) {
        if (arr == null || arr.isNull()) {
            return null;
        }
        if (!arr.isArray()) {
            throw new InvalidSampleException(where + ": \"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>(arr.size());
        for (JsonNode v : arr) {
            if (!v.isTextual()) {
                throw new InvalidSampleException(where + ": \"" + field + "\" must hold strings, found " + v);
            }
            out.add(v.asText());
        }
        return out;
    }
}

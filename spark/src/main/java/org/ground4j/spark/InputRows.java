package org.ground4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The checks {@code ground4j attach} makes on an input line, with the same messages: a JSON object with an id
 * (a string or an integer), an image path and a non-blank report. Kept in step with
 * {@link org.ground4j.infer.ReportAttacher}; the equality test of this module compares the two error outputs.
 */
final class InputRows {

    static final ObjectMapper JSON = new ObjectMapper();

    private InputRows() {
    }

    /**
     * A checked line.
     *
     * @param node    the object, or {@code null} when the line is not one
     * @param id      the id, or {@code null} when missing
     * @param problem what is wrong, or {@code null} when the row can be grounded
     */
    record Checked(ObjectNode node, String id, String problem) {
    }

    static Checked check(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new Checked(null, null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Checked(null, null, "expected a JSON object {\"id\", \"image\", \"report\"}");
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode id = node.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()) {
            return new Checked(object, null, "missing \"id\" (a string)");
        }
        String idText = id.asText();
        JsonNode image = node.get("image");
        if (image == null || !image.isTextual() || image.asText().isBlank()) {
            return new Checked(object, idText, "missing \"image\" (a path)");
        }
        JsonNode report = node.get("report");
        if (report == null || !report.isTextual() || report.asText().isBlank()) {
            return new Checked(object, idText, "empty report text (\"report\" is missing or blank)");
        }
        return new Checked(object, idText, null);
    }

    /** {@code {"line", "id", "error"}} as attach writes it to its errors file. */
    static String errorLine(long line, String id, String error) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line", line);
        if (id != null) {
            o.put("id", id);
        }
        o.put("error", error);
        return write(o);
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

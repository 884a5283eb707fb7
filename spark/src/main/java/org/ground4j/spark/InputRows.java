package org.ground4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.ground4j.infer.ReportAttacher;

/**
 * The checks {@code ground4j attach} makes on an input line ({@link ReportAttacher#parse}: a JSON object with a
 * string id, an image path and a non-blank report), and its error lines; the equality test of this module compares
 * the two error outputs.
 */
final class InputRows {

    static final ObjectMapper JSON = new ObjectMapper();

    private InputRows() {}

    /**
     * A checked line.
     *
     * @param node    the object, or {@code null} when the line is not one
     * @param id      the id, or {@code null} when missing
     * @param problem what is wrong, or {@code null} when the row can be grounded
     */
    record Checked(ObjectNode node, String id, String problem) {}

    static Checked check(String line) {
        ReportAttacher.Row row = ReportAttacher.parse(line);
        return new Checked(row.node(), row.id(), row.problem());
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

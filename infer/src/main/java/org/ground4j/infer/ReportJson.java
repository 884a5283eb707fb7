package org.ground4j.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;

/**
 * The JSON form of grounded sentences, as {@code ground4j ground} prints it and {@code ground4j attach} appends it:
 * <pre>
 * {"image": "cxr.png", "width": 2048, "height": 2500,
 *  "sentences": [{"text": "Small left effusion.", "start": 10, "end": 30,
 *                 "boxes": [[0.55, 0.62, 0.91, 0.95]], "scores": [0.87]}, ...]}
 * </pre>
 * Boxes are {@code [x1, y1, x2, y2]} normalised to the original image; {@code scores[i]} belongs to
 * {@code boxes[i]}; doubles in full precision.
 *
 * <pre>{@code
 * String json = ReportJson.toJson(grounder.groundReport(image, report));
 * }</pre>
 */
public final class ReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    /** {@code {"image", "width", "height", "sentences"}}. */
    public static ObjectNode report(GroundedReport r) {
        ObjectNode o = NODES.objectNode();
        o.put("image", r.image());
        o.put("width", r.imageWidth());
        o.put("height", r.imageHeight());
        o.set("sentences", sentences(r));
        return o;
    }

    /** {@code [{"text", "start", "end", "boxes", "scores"}, ...]}. */
    public static ArrayNode sentences(GroundedReport r) {
        ArrayNode a = NODES.arrayNode();
        for (GroundedSentence s : r.sentences()) {
            a.add(sentence(s));
        }
        return a;
    }

    /** {@code {"text", "start", "end", "boxes": [[x1, y1, x2, y2], ...], "scores": [...]}}. */
    public static ObjectNode sentence(GroundedSentence s) {
        ObjectNode o = NODES.objectNode();
        o.put("text", s.text());
        o.put("start", s.start());
        o.put("end", s.end());
        putBoxes(o, s.boxes());
        return o;
    }

    /** Adds {@code "boxes": [[x1, y1, x2, y2], ...]} and {@code "scores": [...]} to {@code o}. */
    public static ObjectNode putBoxes(ObjectNode o, List<ScoredBox> boxes) {
        ArrayNode bs = o.putArray("boxes");
        ArrayNode scores = o.putArray("scores");
        for (ScoredBox sb : boxes) {
            Box b = sb.box();
            bs.addArray().add(b.x1()).add(b.y1()).add(b.x2()).add(b.y2());
            scores.add(sb.score());
        }
        return o;
    }

    /** {@link #report} as indented JSON text. */
    public static String toJson(GroundedReport r) {
        try {
            return PRETTY.writeValueAsString(report(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

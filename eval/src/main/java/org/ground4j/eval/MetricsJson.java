package org.ground4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.ground4j.core.io.AtomicFiles;

/**
 * {@code metrics.json}, the file other programs read. Fractions in [0,1] at full double precision; a figure
 * that no sample defines is {@code null}. Layout:
 *
 * <pre>{@code
 * {"groups": {"no":      {"n": 41, "p_at_f1_1": 0.9, "n_acc": 0.9},
 *             "single":  {"n": 46, "p_at_f1_1": .., "ch_f1": .., "miou": .., "acc": ..},
 *             "multi":   {...same keys as single...},
 *             "overall": {...same keys as single...}},
 *  "by_category": {"effusion": {"n": .., "p_at_f1_1": .., "n_acc": .., "ch_f1": .., "miou": .., "acc": ..}},
 *  "threshold_sweep": [{"threshold": 0.05, "best": false, "groups": {...as above...}}, ...],
 *  "warnings": ["..."]}
 * }</pre>
 *
 * {@code threshold_sweep} is empty without scores; exactly one point has {@code "best": true} otherwise (the
 * lowest threshold with the highest overall P@F1=1).
 *
 * <pre>{@code
 * MetricsJson.write(Path.of("out/metrics.json"), evaluation);   // atomic
 * }</pre>
 */
public final class MetricsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    /** Writes the evaluation atomically. */
    public static void write(Path file, Evaluation evaluation) {
        AtomicFiles.writeString(file, render(evaluation) + "\n");
    }

    /** The JSON text. */
    public static String render(Evaluation evaluation) {
        ObjectNode root = JSON.createObjectNode();
        root.set("groups", groups(evaluation.groups()));
        ObjectNode categories = root.putObject("by_category");
        for (Map.Entry<String, Figures> e : evaluation.byCategory().entrySet()) {
            ObjectNode c = categories.putObject(e.getKey());
            Figures f = e.getValue();
            c.put("n", f.n());
            put(c, "p_at_f1_1", f.pAtF1());
            put(c, "n_acc", f.nAcc());
            put(c, "ch_f1", f.chF1());
            put(c, "miou", f.miou());
            put(c, "acc", f.acc());
        }
        ArrayNode sweep = root.putArray("threshold_sweep");
        SweepPoint best = evaluation.sweep().best().orElse(null);
        for (SweepPoint p : evaluation.sweep().points()) {
            ObjectNode point = sweep.addObject();
            point.put("threshold", p.threshold());
            point.put("best", p == best);
            point.set("groups", groups(p.groups()));
        }
        ArrayNode warnings = root.putArray("warnings");
        evaluation.warnings().forEach(warnings::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode groups(GroupFigures g) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode no = node.putObject("no");
        no.put("n", g.no().n());
        put(no, "p_at_f1_1", g.no().pAtF1());
        put(no, "n_acc", g.no().nAcc());
        for (String key : new String[] {"single", "multi", "overall"}) {
            Figures f = g.get(key);
            ObjectNode o = node.putObject(key);
            o.put("n", f.n());
            put(o, "p_at_f1_1", f.pAtF1());
            put(o, "ch_f1", f.chF1());
            put(o, "miou", f.miou());
            put(o, "acc", f.acc());
        }
        return node;
    }

    private static void put(ObjectNode o, String key, double value) {
        if (Double.isNaN(value)) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}

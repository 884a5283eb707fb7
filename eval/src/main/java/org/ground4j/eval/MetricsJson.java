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
 *  "by_placement": {"anchored": {...as groups...}, "free": {...as groups...}},
 *  "image_ablation": {"overall": {"n", "p_at_f1_1_real", "p_at_f1_1_shuffled", "p_at_f1_1_drop",
 *                                 "miou_real", "miou_shuffled", "miou_drop"},
 *                     "no": {...}, "single": {...}, "multi": {...}, "anchored": {...}, "free": {...}},
 *  "by_category": {"effusion": {"n": .., "p_at_f1_1": .., "n_acc": .., "ch_f1": .., "miou": .., "acc": ..}},
 *  "failures": {"overall": {"n": 400, "none": 287, "boxes_on_no": 0, "no_box": .., "extra_boxes": ..,
 *                            "missed_boxes": .., "loose_box": .., "wrong_place": ..},
 *               "anchored": {...}, "free": {...}, "by_category": {"nodule": {...}}},
 *  "threshold_sweep": [{"threshold": 0.05, "best": false, "groups": {...as above...},
 *                       "by_placement": {...as above...}}, ...],
 *  "warnings": ["..."]}
 * }</pre>
 *
 * {@code threshold_sweep} is empty without scores; exactly one point has {@code "best": true} otherwise (the
 * lowest threshold with the highest overall P@F1=1). {@code by_placement} ({@link PlacementFigures}) is always
 * there, its groups with {@code "n": 0} when no gold category is a SynthCXR finding; {@code image_ablation}
 * ({@link ImageAblation}) only when shuffled-image predictions were evaluated. {@code failures} ({@link Failure})
 * counts samples (integers that add up to {@code n}), predictions as given.
 *
 * <pre>{@code
 * MetricsJson.write(Path.of("out/metrics.json"), evaluation);   // atomic
 * }</pre>
 */
public final class MetricsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {}

    /** Writes the evaluation atomically. */
    public static void write(Path file, Evaluation evaluation) {
        write(file, evaluation, null);
    }

    /** Writes the evaluation and the image ablation ({@code null}: none) atomically. */
    public static void write(Path file, Evaluation evaluation, ImageAblation ablation) {
        AtomicFiles.writeString(file, render(evaluation, ablation) + "\n");
    }

    /** The JSON text. */
    public static String render(Evaluation evaluation) {
        return render(evaluation, null);
    }

    /** The JSON text, with {@code image_ablation} unless {@code ablation} is {@code null}. */
    public static String render(Evaluation evaluation, ImageAblation ablation) {
        ObjectNode root = JSON.createObjectNode();
        root.set("groups", groups(evaluation.groups()));
        root.set("by_placement", placement(evaluation.byPlacement()));
        if (ablation != null) {
            ObjectNode a = root.putObject("image_ablation");
            for (ImageAblation.Row row : ablation.rows()) {
                ObjectNode o = a.putObject(row.group());
                o.put("n", row.n());
                put(o, "p_at_f1_1_real", row.realPAtF1());
                put(o, "p_at_f1_1_shuffled", row.shuffledPAtF1());
                put(o, "p_at_f1_1_drop", row.pAtF1Drop());
                put(o, "miou_real", row.realMiou());
                put(o, "miou_shuffled", row.shuffledMiou());
                put(o, "miou_drop", row.miouDrop());
            }
        }
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
        Failures failures = evaluation.failures();
        ObjectNode f = root.putObject("failures");
        f.set("overall", failures(failures.overall()));
        f.set("anchored", failures(failures.anchored()));
        f.set("free", failures(failures.free()));
        ObjectNode failuresByCategory = f.putObject("by_category");
        failures.byCategory().forEach((c, counts) -> failuresByCategory.set(c, failures(counts)));
        ArrayNode sweep = root.putArray("threshold_sweep");
        SweepPoint best = evaluation.sweep().best().orElse(null);
        for (SweepPoint p : evaluation.sweep().points()) {
            ObjectNode point = sweep.addObject();
            point.put("threshold", p.threshold());
            point.put("best", p == best);
            point.set("groups", groups(p.groups()));
            point.set("by_placement", placement(p.byPlacement()));
        }
        ArrayNode warnings = root.putArray("warnings");
        evaluation.warnings().forEach(warnings::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode failures(FailureCounts counts) {
        ObjectNode node = JSON.createObjectNode();
        node.put("n", counts.n());
        for (Failure kind : Failure.values()) {
            node.put(kind.key(), counts.count(kind));
        }
        return node;
    }

    private static ObjectNode placement(PlacementFigures p) {
        ObjectNode node = JSON.createObjectNode();
        for (String key : PlacementFigures.KEYS) {
            node.set(key, groups(p.get(key)));
        }
        return node;
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

package org.ground4j.core.data.weak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts of every change the weak-label cleanup made, with up to {@link #EXAMPLES} sample ids per kind so that a
 * person can look at what a rule did. Built by {@link WeakLabelCleaner}; printed as text and saved as JSON.
 */
public final class CleanupReport {

    /** Sample ids kept per kind of change. */
    public static final int EXAMPLES = 5;

    private final Map<CleanupChange, Integer> counts = new EnumMap<>(CleanupChange.class);
    private final Map<CleanupChange, List<String>> examples = new EnumMap<>(CleanupChange.class);
    private int samplesIn;
    private int samplesOut;
    private int boxesIn;
    private int boxesOut;

    CleanupReport() {
        for (CleanupChange c : CleanupChange.values()) {
            counts.put(c, 0);
            examples.put(c, new ArrayList<>());
        }
    }

    void record(CleanupChange change, int amount, String sampleId) {
        counts.merge(change, amount, Integer::sum);
        List<String> ids = examples.get(change);
        if (ids.size() < EXAMPLES && !ids.contains(sampleId)) {
            ids.add(sampleId);
        }
    }

    void totals(int samplesIn, int samplesOut, int boxesIn, int boxesOut) {
        this.samplesIn = samplesIn;
        this.samplesOut = samplesOut;
        this.boxesIn = boxesIn;
        this.boxesOut = boxesOut;
    }

    public int count(CleanupChange change) {
        return counts.get(change);
    }

    public List<String> examples(CleanupChange change) {
        return List.copyOf(examples.get(change));
    }

    public int samplesIn() {
        return samplesIn;
    }

    public int samplesOut() {
        return samplesOut;
    }

    public int boxesIn() {
        return boxesIn;
    }

    public int boxesOut() {
        return boxesOut;
    }

    /** Fraction of sentence-box pairs removed, in [0,1] (the paper's cleanup removed 89.6 % on Chest ImaGenome). */
    public double boxReduction() {
        return boxesIn == 0 ? 0 : 1.0 - (double) boxesOut / boxesIn;
    }

    /** Human-readable, one change per line. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "samples  %d in, %d out%n", samplesIn, samplesOut));
        sb.append(String.format(
                Locale.ROOT,
                "boxes    %d in, %d out (%.1f %% of sentence-box pairs removed)%n",
                boxesIn,
                boxesOut,
                100 * boxReduction()));
        for (CleanupChange c : CleanupChange.values()) {
            sb.append(String.format(Locale.ROOT, "%8d  %s", counts.get(c), c.description()));
            if (!examples.get(c).isEmpty()) {
                sb.append("  e.g. ").append(String.join(", ", examples.get(c)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The same as JSON: totals, then {@code changes.<key>.{count, description, examples}}. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("samples_in", samplesIn)
                .put("samples_out", samplesOut)
                .put("boxes_in", boxesIn)
                .put("boxes_out", boxesOut)
                .put("box_reduction", boxReduction());
        ObjectNode changes = root.putObject("changes");
        for (CleanupChange c : CleanupChange.values()) {
            ObjectNode o = changes.putObject(c.key());
            o.put("count", counts.get(c)).put("description", c.description());
            examples.get(c).forEach(o.putArray("examples")::add);
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.ground4j.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One measured row, as a child JVM reports it to {@link Bench} (one JSON line after {@link #PREFIX} on standard
 * output) and as the tables print it.
 *
 * @param row       what was measured ("backbone ResNet-101 @640, NHWC_OYXI")
 * @param group     the harness row group it belongs to (peak, encoder, peers, report-vs-mdetr, ...)
 * @param engine    ground4j, ONNX Runtime or PyTorch
 * @param threads   intra-op threads (OMP_NUM_THREADS of the child)
 * @param runsMs    every timed run, milliseconds
 * @param flops     floating-point operations of one run (2 x multiply-accumulates), 0 when not counted
 * @param peakRssKib peak resident memory of the process that ran it (VmHWM), KiB; -1 when unknown
 * @param x         the x value of a scaling series (input size or sentences), 0 otherwise
 * @param note      anything the reader needs (tokens, output difference to ours, ...)
 */
public record Measurement(
        @JsonProperty("row") String row,
        @JsonProperty("group") String group,
        @JsonProperty("engine") String engine,
        @JsonProperty("threads") int threads,
        @JsonProperty("runs_ms") double[] runsMs,
        @JsonProperty("flops") double flops,
        @JsonProperty("peak_rss_kib") long peakRssKib,
        @JsonProperty("x") int x,
        @JsonProperty("note") String note) {

    /** Marks a result line in a child's standard output. */
    public static final String PREFIX = "@@bench\t";

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Timing.Stats stats() {
        return new Timing.Stats(runsMs);
    }

    public boolean failed() {
        return runsMs == null || runsMs.length == 0;
    }

    /** A failed row: no times, the reason in the note. */
    public static Measurement failed(String row, String group, String engine, int threads, String why) {
        return new Measurement(row, group, engine, threads, new double[0], 0, -1, 0, why);
    }

    public Measurement withRss(long kib) {
        return new Measurement(row, group, engine, threads, runsMs, flops, kib, x, note);
    }

    public Measurement withNote(String n) {
        return new Measurement(row, group, engine, threads, runsMs, flops, peakRssKib, x, n);
    }

    String toLine() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Measurement parse(String line) {
        try {
            return JSON.readValue(line.substring(PREFIX.length()), Measurement.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad result line from a child JVM: " + line, e);
        }
    }
}

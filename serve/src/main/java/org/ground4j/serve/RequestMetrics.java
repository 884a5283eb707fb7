package org.ground4j.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts by path and status, and latency histograms by path, written in the Prometheus text exposition
 * format (version 0.0.4) for {@code GET /metrics}.
 */
final class RequestMetrics {

    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

    /** One answered request. */
    void record(String path, int status, double seconds) {
        counts.computeIfAbsent(path + "\u0000" + status, k -> new LongAdder()).increment();
        latency.computeIfAbsent(path, k -> new Histogram()).add(seconds);
    }

    /** The Prometheus text of everything recorded so far. */
    String prometheus() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ground4j_requests_total Requests answered, by path and HTTP status.\n");
        out.append("# TYPE ground4j_requests_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(counts).entrySet()) {
            String[] key = e.getKey().split("\u0000");
            out.append("ground4j_requests_total{path=\"")
                    .append(escape(key[0]))
                    .append("\",status=\"")
                    .append(key[1])
                    .append("\"} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
        out.append("# HELP ground4j_request_seconds Time to answer a request, by path.\n");
        out.append("# TYPE ground4j_request_seconds histogram\n");
        for (Map.Entry<String, Histogram> e : new TreeMap<>(latency).entrySet()) {
            e.getValue().write(out, "path=\"" + escape(e.getKey()) + "\"");
        }
        return out.toString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Cumulative buckets, sum and count of one path's latencies. */
    private static final class Histogram {
        private final AtomicLong[] buckets = new AtomicLong[BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final LongAdder micros = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new AtomicLong();
            }
        }

        void add(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].incrementAndGet();
                }
            }
            count.increment();
            micros.add(Math.round(seconds * 1e6));
        }

        void write(StringBuilder out, String labels) {
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append("ground4j_request_seconds_bucket{")
                        .append(labels)
                        .append(",le=\"")
                        .append(String.format(Locale.ROOT, "%s", BUCKETS[i]))
                        .append("\"} ")
                        .append(buckets[i].get())
                        .append('\n');
            }
            long n = count.sum();
            out.append("ground4j_request_seconds_bucket{")
                    .append(labels)
                    .append(",le=\"+Inf\"} ")
                    .append(n)
                    .append('\n');
            out.append("ground4j_request_seconds_sum{")
                    .append(labels)
                    .append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", micros.sum() / 1e6))
                    .append('\n');
            out.append("ground4j_request_seconds_count{")
                    .append(labels)
                    .append("} ")
                    .append(n)
                    .append('\n');
        }
    }
}

package org.ground4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Warm-up, timed runs and the facts the harness reports about them: median, minimum, maximum, and the process's
 * peak resident memory.
 *
 * <p>Before every timed run (and every warm-up run) the Java heap is collected and the collector's cleaner
 * threads get a moment: ND4J frees an array's native buffer only when the collector finds the array unreachable
 * (see {@code NativeMemory}), and a pass that lands in freshly faulted memory instead of reused memory was
 * measured 1.5-4x slower. The collection is never inside the timed interval.
 *
 * <pre>{@code
 * Timing.Stats s = Timing.measure(2, 5, () -> model.encodeImages(pixels));
 * s.median();   // ms
 * }</pre>
 */
public final class Timing {

    private Timing() {}

    /**
     * Times of one measurement, in milliseconds.
     *
     * @param runs every timed run, in order
     */
    public record Stats(double[] runs) {

        public double median() {
            double[] s = sorted();
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        public double min() {
            return sorted()[0];
        }

        public double max() {
            double[] s = sorted();
            return s[s.length - 1];
        }

        private double[] sorted() {
            double[] s = runs.clone();
            Arrays.sort(s);
            return s;
        }
    }

    /** Runs {@code body} {@code warmup} times untimed, then {@code runs} times timed, collecting before each. */
    public static Stats measure(int warmup, int runs, Runnable body) {
        for (int i = 0; i < warmup; i++) {
            collect();
            body.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ms[i] = once(body);
        }
        return new Stats(ms);
    }

    /** One timed run after a collection: milliseconds. */
    public static double once(Runnable body) {
        collect();
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Collects the heap so that the previous pass's native arrays are released (ND4J frees them from reference
     * queues on its own threads, hence the short pause after the collection).
     */
    public static void collect() {
        if (Boolean.getBoolean("bench.noGc")) {
            return;
        }
        System.gc();
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Peak resident set size of this process ({@code VmHWM}), in KiB; -1 where /proc is not available. */
    public static long peakRssKib() {
        return statusField(Path.of("/proc/self/status"), "VmHWM:");
    }

    /** A {@code kB} field of a /proc status file, or -1. */
    static long statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(
                            line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

package org.ground4j.core.model;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's native memory from piling up. ND4J frees an array's off-heap buffer only when the Java
 * collector finds the array unreachable, and a forward or training pass allocates hundreds of megabytes
 * off-heap but hardly any Java heap, so the collector may not run for many passes: the process grows by a
 * pass's arrays each time, and every new array lands in fresh memory that the kernel must fault in and zero.
 * Measured on the CPU training configuration: 5-7 s per step and +1.4 GB resident per step without
 * collections, 1.2-1.4 s and a flat 3.3 GB with one per step.
 *
 * <p>{@link #collect()} after every training step keeps the process flat; it costs about 70-100 ms. A bound on
 * growth instead ({@link #afterPass()}) let a 6,000-sample training run reach 19 GB resident and slowed its steps,
 * so training collects every step; inference, which allocates less per pass, collects when the resident size grew
 * by more than a bound since the last collection (default 512 MB; {@code -Dground4j.gcGrowthMb=N}).
 *
 * <pre>{@code
 * model.forward(...);
 * NativeMemory.afterPass();
 * }</pre>
 */
public final class NativeMemory {

    private static final long GROWTH = Long.getLong("ground4j.gcGrowthMb", 512) << 20;
    private static long baseline = -1;

    private NativeMemory() {}

    /** Collects now: frees the native arrays of every pass that has finished. */
    public static synchronized void collect() {
        System.gc();
        baseline = Pointer.physicalBytes();
    }

    /** Collects if the process grew by more than the bound since the last collection; cheap otherwise. */
    public static synchronized void afterPass() {
        long rss = Pointer.physicalBytes();
        if (baseline < 0) {
            baseline = rss;
        } else if (rss - baseline > GROWTH) {
            System.gc();
            baseline = Pointer.physicalBytes();
        }
    }
}

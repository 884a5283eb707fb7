package org.ground4j.train.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Native buffers for a training executor's values, reused by size class: a request is rounded up to one of eight
 * sizes per power of two (at most 12.5 % more), and a buffer released by one op serves the next op, or the next
 * step, that needs an array of the same type and class. A step of a fixed shape therefore allocates nothing after the
 * first, and steps whose shapes change (sentences per batch, text length) mostly find buffers of their classes too:
 * the C allocator sees few frees and reallocations, which fragment its heap (with glibc, a 3,000-step run of the
 * {@code cpu} configuration on exact lengths grew to 24 GB). Buffers no op took during the last two steps are freed
 * when a step ends, and a request that finds no match first frees idle buffers beyond a slack (64 MB and half the peak
 * of live bytes), so memory cannot pile up. Not thread-safe: one pool per executor.
 */
final class BufferPool implements AutoCloseable {

    /** One native buffer; {@code refs} counts the values (an array and its aliases) that still read it. */
    static final class Buffer {
        final INDArray flat;
        final long bytes;
        int refs;
        long lastStep;

        private Buffer(INDArray flat) {
            this.flat = flat;
            this.bytes = flat.length() * flat.dataType().width();
        }

        /** The buffer's first elements as a contiguous array of {@code shape} (a view, no copy). */
        INDArray view(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            INDArray head = n == flat.length() ? flat : flat.get(NDArrayIndex.interval(0, n));
            return shape.length == 0 ? head.reshape('c') : head.reshape('c', shape);
        }
    }

    /** Steps an idle buffer is kept without being taken before it is freed. */
    private static final int KEEP_STEPS = 2;

    /** Idle bytes kept across a shape change before buffers are freed. */
    private static final long MIN_SLACK = 64L << 20;

    private final Map<String, Deque<Buffer>> idle = new HashMap<>();
    private long step;
    private long live, peakLive, held, peakHeld, idleBytes, allocations;

    /** A buffer of at least {@code length} elements (its size class), reused when one is idle; its {@code refs} is 1. */
    Buffer take(DataType type, long length) {
        long size = sizeClass(length);
        Deque<Buffer> q = idle.get(key(type, size));
        Buffer b = q == null ? null : q.pollFirst();
        if (b == null) {
            trim(MIN_SLACK + peakLive / 2);
            b = new Buffer(Nd4j.createUninitialized(type, size));
            held += b.bytes;
            peakHeld = Math.max(peakHeld, held);
            allocations++;
        } else {
            idleBytes -= b.bytes;
        }
        b.refs = 1;
        b.lastStep = step;
        live += b.bytes;
        peakLive = Math.max(peakLive, live);
        return b;
    }

    /** One reader fewer; the buffer becomes idle when none is left. */
    void release(Buffer b) {
        if (--b.refs == 0) {
            live -= b.bytes;
            idleBytes += b.bytes;
            idle.computeIfAbsent(key(b.flat.dataType(), b.flat.length()), k -> new ArrayDeque<>())
                    .addFirst(b);
        }
    }

    /** Ends a step: frees the idle buffers that no op took during this step or the one before. */
    void endStep() {
        for (Iterator<Deque<Buffer>> it = idle.values().iterator(); it.hasNext(); ) {
            Deque<Buffer> q = it.next();
            q.removeIf(b -> {
                if (b.lastStep <= step - KEEP_STEPS) {
                    free(b);
                    return true;
                }
                return false;
            });
            if (q.isEmpty()) {
                it.remove();
            }
        }
        step++;
    }

    /** Frees every idle buffer. */
    void freeIdle() {
        trim(0);
    }

    /** Frees idle buffers until at most {@code slack} bytes are idle, largest first. */
    private void trim(long slack) {
        while (idleBytes > slack) {
            Deque<Buffer> largest = null;
            for (Deque<Buffer> q : idle.values()) {
                if (!q.isEmpty() && (largest == null || q.peekLast().bytes > largest.peekLast().bytes)) {
                    largest = q;
                }
            }
            if (largest == null) {
                return;
            }
            free(largest.pollLast());
        }
    }

    private void free(Buffer b) {
        idleBytes -= b.bytes;
        held -= b.bytes;
        b.flat.close();
    }

    long liveBytes() {
        return live;
    }

    long peakLiveBytes() {
        return peakLive;
    }

    long heldBytes() {
        return held;
    }

    long peakHeldBytes() {
        return peakHeld;
    }

    long allocations() {
        return allocations;
    }

    void resetPeaks() {
        peakLive = live;
        peakHeld = held;
    }

    /**
     * {@code n} rounded up to the next of eight sizes per power of two: 8, 9, 10, ... 15, 16, 18, 20, ... 30, 32, 36,
     * and so on.
     */
    static long sizeClass(long n) {
        int high = 63 - Long.numberOfLeadingZeros(Math.max(1, n));
        long step = 1L << Math.max(0, high - 3);
        return (n + step - 1) / step * step;
    }

    private static String key(DataType type, long length) {
        return type.name() + '/' + length;
    }

    @Override
    public void close() {
        for (Deque<Buffer> q : idle.values()) {
            q.forEach(this::free);
        }
        idle.clear();
    }
}

package org.ground4j.train.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native buffers for a training executor's values, reused by exact length: a buffer released by one op serves the
 * next op (or the next step) that needs an array of the same type and length, so a step of a fixed shape allocates
 * nothing after the first. Buffers no op took during a whole step are freed when the step ends, and a request that
 * finds no match first frees idle buffers beyond a slack (64 MB and half the peak of live bytes: enough that a step of
 * repeating shapes never frees what it will take again), so changing shapes (sentences per batch, text length)
 * cannot pile up memory. Not thread-safe: one pool per executor.
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
    }

    /** Idle bytes kept across a shape change before buffers are freed. */
    private static final long MIN_SLACK = 64L << 20;

    private final Map<String, Deque<Buffer>> idle = new HashMap<>();
    private long step;
    private long live, peakLive, held, peakHeld, idleBytes, allocations;

    /** A buffer of {@code length} elements, reused when one is idle; its {@code refs} is 1. */
    Buffer take(DataType type, long length) {
        Deque<Buffer> q = idle.get(key(type, length));
        Buffer b = q == null ? null : q.pollFirst();
        if (b == null) {
            trim(MIN_SLACK + peakLive / 2);
            b = new Buffer(Nd4j.createUninitialized(type, length));
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
            idle.computeIfAbsent(key(b.flat.dataType(), b.flat.length()), k -> new ArrayDeque<>()).addFirst(b);
        }
    }

    /** Ends a step: frees the buffers that no op took during it. */
    void endStep() {
        for (Iterator<Deque<Buffer>> it = idle.values().iterator(); it.hasNext();) {
            Deque<Buffer> q = it.next();
            q.removeIf(b -> {
                if (b.lastStep < step) {
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

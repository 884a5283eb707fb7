package org.ground4j.train;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Hands out items {@code 0..end-1}, making item {@code i+1} on one background thread while the caller works on
 * item {@code i}: PyTorch's {@code DataLoader} prefetch of one batch, on one worker. A training step runs on one
 * core (ND4J with one OpenMP thread) while reading, augmenting and tokenising the next images used to wait for it.
 *
 * <p>Items are made one at a time, in order, each by a call of {@code make} that depends only on its index, so
 * what comes out is the same as without prefetching (the trainer's batches are seeded per batch). A failure
 * while making an item is thrown, as itself, by the {@link #get} that asks for it.
 *
 * @param <T> the item
 */
final class Prefetcher<T> implements AutoCloseable {

    private final IntFunction<T> make;
    private final int end;
    private final ExecutorService worker;
    private Future<T> pending;
    private int pendingIndex = -1;

    /**
     * @param make  makes item i (called on the worker thread, never twice at once)
     * @param end   one past the last index
     * @param name  the worker thread's name
     */
    Prefetcher(IntFunction<T> make, int end, String name) {
        this.make = make;
        this.end = end;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true); // never keeps a finished or failed run's JVM alive
            return t;
        });
    }

    /** Item {@code i}; before returning, starts making item {@code i + 1} (when it exists). */
    T get(int i) {
        T item;
        if (pending != null && pendingIndex == i) {
            item = Futures.await(pending, "the next batch");
        } else {
            settle(); // not the item we made ahead (the caller skipped): make it here
            item = make.apply(i);
        }
        pending = null;
        if (i + 1 < end) {
            int next = i + 1;
            pendingIndex = next;
            pending = worker.submit(() -> make.apply(next));
        }
        return item;
    }

    /** Waits for an item still being made (so that nothing touches the inputs after this returns), then stops. */
    @Override
    public void close() {
        settle();
        worker.shutdown();
    }

    private void settle() {
        if (pending != null) {
            try {
                pending.get();
            } catch (ExecutionException | CancellationException e) {
                // an item nobody asked for: its failure is nobody's
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pending = null;
        }
    }
}

package org.ground4j.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, with its own exceptions rethrown as they were. */
final class Futures {

    private Futures() {}

    /**
     * The result of {@code f}; a runtime exception or error the task threw is rethrown unchanged, a checked one
     * wrapped, and an interrupt restored and reported with {@code waitingFor}.
     */
    static <T> T await(Future<T> f, String waitingFor) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }
}

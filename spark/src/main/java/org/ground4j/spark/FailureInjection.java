package org.ground4j.spark;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * A test hook: makes the first attempt of one grounding task and of one writing task throw after some rows, so
 * tests can show that Spark's retry leaves neither duplicate nor partial rows. Off unless a test sets it.
 *
 * @param groundingPartition the partition whose grounding task fails, or -1
 * @param writingPartition   the partition whose output-writing task fails (after its first rows went to the
 *                           attempt's file), or -1
 * @param afterRows          rows handed on before the failure
 */
record FailureInjection(int groundingPartition, int writingPartition, int afterRows) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Failures thrown in this JVM (in local mode: by every task). */
    static final AtomicInteger THROWN = new AtomicInteger();

    void grounding(int rowsDone) {
        fail(groundingPartition, rowsDone, "grounding");
    }

    void writing(int rowsDone) {
        fail(writingPartition, rowsDone, "writing");
    }

    private void fail(int partition, int rowsDone, String stage) {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == partition && task.attemptNumber() == 0 && rowsDone == afterRows) {
            THROWN.incrementAndGet();
            throw new IllegalStateException("injected failure: " + stage + " task of partition " + partition
                    + ", attempt 0, after " + rowsDone + " rows");
        }
    }
}

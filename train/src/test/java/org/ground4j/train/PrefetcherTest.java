package org.ground4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    @Test
    void handsOutEveryItemInOrderEachMadeOnceAndAheadOnTheWorker() {
        List<Integer> made = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (Prefetcher<String> p = new Prefetcher<>(
                i -> {
                    made.add(i);
                    threads.add(Thread.currentThread().getName());
                    return "item" + i;
                },
                6,
                "test-worker")) {
            for (int i = 0; i < 6; i++) {
                assertEquals("item" + i, p.get(i));
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), made);
        assertNotEquals("test-worker", threads.get(0)); // the first is made by the caller: nothing was ahead
        assertEquals(Collections.nCopies(5, "test-worker"), threads.subList(1, 6));
    }

    @Test
    void makesTheNextItemWhileTheCallerWorks() throws InterruptedException {
        CountDownLatch nextStarted = new CountDownLatch(1);
        try (Prefetcher<Integer> p = new Prefetcher<>(
                i -> {
                    if (i == 1) {
                        nextStarted.countDown();
                    }
                    return i;
                },
                3,
                "test-worker")) {
            assertEquals(0, p.get(0));
            // the caller has not asked for item 1, yet it is being made
            assertTrue(nextStarted.await(10, TimeUnit.SECONDS), "item 1 was not made ahead");
            assertEquals(1, p.get(1));
        }
    }

    @Test
    void aFailureIsThrownAsItselfByTheGetThatAsksForIt() {
        try (Prefetcher<Integer> p = new Prefetcher<>(
                i -> {
                    if (i == 2) {
                        throw new InvalidInputException("img/2.png: not an image");
                    }
                    return i;
                },
                4,
                "test-worker")) {
            assertEquals(0, p.get(0));
            assertEquals(1, p.get(1)); // item 2 has failed on the worker by now, or is failing: not reported yet
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.get(2));
            assertEquals("img/2.png: not an image", e.getMessage());
        }
    }

    @Test
    void aSkippedItemIsAwaitedThenTheAskedOneIsMadeNeverTwoAtOnce() {
        AtomicInteger running = new AtomicInteger(), most = new AtomicInteger();
        try (Prefetcher<Integer> p = new Prefetcher<>(
                i -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(50);
                    running.decrementAndGet();
                    return i * 10;
                },
                8,
                "test-worker")) {
            assertEquals(0, p.get(0));
            assertEquals(50, p.get(5)); // item 1 was made ahead and is dropped
            assertEquals(60, p.get(6));
        }
        assertEquals(1, most.get());
    }

    @Test
    void closeWaitsForTheItemBeingMade() {
        AtomicBoolean finished = new AtomicBoolean();
        Prefetcher<Integer> p = new Prefetcher<>(
                i -> {
                    if (i == 1) {
                        sleep(300);
                        finished.set(true);
                    }
                    return i;
                },
                2,
                "test-worker");
        assertEquals(0, p.get(0));
        p.close();
        assertTrue(finished.get(), "close returned while item 1 was still being made");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

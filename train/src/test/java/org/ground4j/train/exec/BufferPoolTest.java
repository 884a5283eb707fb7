package org.ground4j.train.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.quicktheories.generators.SourceDSL;

class BufferPoolTest {

    @Test
    void aReleasedBufferServesTheNextRequestOfItsSizeClass() {
        try (BufferPool pool = new BufferPool()) {
            BufferPool.Buffer a = pool.take(DataType.FLOAT, 100);
            assertThat(a.flat.length()).isEqualTo(104);
            pool.release(a);
            assertThat(pool.take(DataType.FLOAT, 103)).isSameAs(a);
            assertThat(pool.take(DataType.FLOAT, 100)).as("a is in use").isNotSameAs(a);
            assertThat(pool.take(DataType.INT, 100)).isNotSameAs(a);
            assertThat(pool.allocations()).isEqualTo(3);
            assertThat(a.view(new long[] {4, 25}).shape()).containsExactly(4, 25);
        }
    }

    @Test
    void sizeClassesRoundUpByAtMostAnEighth() {
        qt().withFixedSeed(19)
                .withExamples(2000)
                .forAll(SourceDSL.longs().between(1, 1L << 40))
                .checkAssert(n -> {
                    long c = BufferPool.sizeClass(n);
                    assertThat(c).isGreaterThanOrEqualTo(n);
                    assertThat((double) (c - n) / n).isLessThan(0.125 + 1e-12);
                    assertThat(BufferPool.sizeClass(c))
                            .as("a class is its own class")
                            .isEqualTo(c);
                });
        assertThat(BufferPool.sizeClass(17)).isEqualTo(18);
        assertThat(BufferPool.sizeClass(8)).isEqualTo(8);
    }

    @Test
    void aBufferStaysInUseWhileAnAliasReadsIt() {
        try (BufferPool pool = new BufferPool()) {
            BufferPool.Buffer a = pool.take(DataType.FLOAT, 10);
            a.refs++; // an identity's output shares the buffer
            pool.release(a);
            assertThat(pool.liveBytes()).isEqualTo(40);
            assertThat(pool.take(DataType.FLOAT, 10)).isNotSameAs(a);
            pool.release(a);
            assertThat(pool.liveBytes()).isEqualTo(40); // the second buffer only
        }
    }

    @Test
    void buffersNoStepTookForTwoStepsAreFreedWhenAStepEnds() {
        try (BufferPool pool = new BufferPool()) {
            BufferPool.Buffer a = pool.take(DataType.FLOAT, 1024);
            pool.release(a);
            pool.endStep();
            assertThat(pool.heldBytes())
                    .as("taken during the step just ended: kept")
                    .isEqualTo(4096);
            pool.endStep();
            assertThat(pool.heldBytes()).as("taken the step before: kept").isEqualTo(4096);
            pool.endStep();
            assertThat(pool.heldBytes())
                    .as("not taken during the last two steps: freed")
                    .isZero();
        }
    }

    @Test
    void accountingHoldsForAnySequenceOfRequests() {
        qt().withFixedSeed(17).withExamples(200).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            try (BufferPool pool = new BufferPool()) {
                List<BufferPool.Buffer> out = new ArrayList<>();
                long expectedLive = 0, peak = 0;
                for (int i = 0; i < 300; i++) {
                    int what = rnd.nextInt(10);
                    if (what < 5 || out.isEmpty()) {
                        int length = 1 + rnd.nextInt(8) * 1000;
                        BufferPool.Buffer b = pool.take(DataType.FLOAT, length);
                        assertThat(b.flat.length()).isGreaterThanOrEqualTo(length);
                        assertThat(out)
                                .as("a buffer in use is never handed out twice")
                                .doesNotContain(b);
                        out.add(b);
                        expectedLive += b.bytes;
                    } else if (what < 9) {
                        BufferPool.Buffer b = out.remove(rnd.nextInt(out.size()));
                        pool.release(b);
                        expectedLive -= b.bytes;
                    } else {
                        pool.endStep();
                    }
                    peak = Math.max(peak, expectedLive);
                    assertThat(pool.liveBytes()).isEqualTo(expectedLive);
                    assertThat(pool.heldBytes()).isGreaterThanOrEqualTo(pool.liveBytes());
                    assertThat(pool.peakLiveBytes()).isEqualTo(peak);
                    assertThat(pool.peakHeldBytes()).isGreaterThanOrEqualTo(pool.heldBytes());
                }
                out.forEach(pool::release);
                pool.endStep();
                pool.endStep();
                pool.endStep();
                assertThat(pool.liveBytes()).isZero();
                assertThat(pool.heldBytes()).isZero();
            }
        });
    }
}

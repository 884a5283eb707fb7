package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** McNemar's exact test against closed forms and an exact big-integer binomial sum. */
class McNemarTest {

    /** 2 * sum_{i <= min(b,c)} C(b+c, i) / 2^(b+c), capped at 1, in exact arithmetic. */
    private static double bruteForce(int b, int c) {
        int n = b + c;
        BigInteger sum = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int i = 0; i <= Math.min(b, c); i++) {
            sum = sum.add(choose);
            choose = choose.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1))
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL128);
        return Math.min(1.0, p.doubleValue());
    }

    @Test
    void smallCasesByHand() {
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0); // never disagree
        assertThat(McNemar.exactP(3, 3)).isEqualTo(1.0); // a tie caps at 1
        assertThat(McNemar.exactP(0, 5)).isEqualTo(2.0 / 32); // all five one way: 2 * 2^-5
        assertThat(McNemar.exactP(5, 0)).isEqualTo(2.0 / 32); // symmetric
        assertThat(McNemar.exactP(1, 5)).isCloseTo(2.0 * (1 + 6) / 64, within(1e-15));
    }

    @Test
    void matchesTheExactBinomialSumIncludingWhere2PowMinusNUnderflows() {
        qt().withFixedSeed(41)
                .withExamples(300)
                .forAll(integers().between(0, 700), integers().between(0, 700))
                .checkAssert((b, c) -> {
                    double expected = bruteForce(b, c);
                    assertThat(McNemar.exactP(b, c)).isCloseTo(expected, within(1e-12 + 1e-9 * expected));
                });
        // 2^-2000 is not a double; the answer is still a normal number
        double p = McNemar.exactP(900, 1100);
        assertThat(p).isCloseTo(bruteForce(900, 1100), within(1e-9 * bruteForce(900, 1100)));
        assertThat(p).isGreaterThan(0).isLessThan(1e-5);
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> McNemar.exactP(-1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 0");
    }
}

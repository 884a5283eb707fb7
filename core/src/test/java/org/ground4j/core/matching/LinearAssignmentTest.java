package org.ground4j.core.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class LinearAssignmentTest {

    /** Random matrices up to 7x7 in both orientations; a third of them with integer costs (ties). */
    static Gen<double[][]> matrices(double forbiddenShare) {
        return SourceDSL.integers()
                .between(1, 7)
                .zip(SourceDSL.integers().between(1, 7), SourceDSL.longs().all(), (r, c, seed) -> {
                    Random rnd = new Random(seed);
                    boolean ints = rnd.nextInt(3) == 0;
                    double[][] m = new double[r][c];
                    for (double[] row : m) {
                        for (int j = 0; j < c; j++) {
                            row[j] = rnd.nextDouble() < forbiddenShare
                                    ? Double.POSITIVE_INFINITY
                                    : ints ? rnd.nextInt(5) - 2 : rnd.nextGaussian() * 3;
                        }
                    }
                    return m;
                });
    }

    @Test
    void handComputedSquareCase() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        int[] a = LinearAssignment.solve(cost);
        assertThat(a).containsExactly(1, 0, 2);
        assertThat(LinearAssignment.totalCost(cost, a)).isEqualTo(5.0);
    }

    @Test
    void handComputedRectangularCases() {
        // more columns than rows: every row gets a distinct column
        assertThat(LinearAssignment.solve(new double[][] {{5, 1, 9, 2}, {1, 8, 9, 7}}))
                .containsExactly(1, 0);
        // more rows than columns: the cheapest rows win, the rest get -1
        assertThat(LinearAssignment.solve(new double[][] {{3}, {1}, {2}})).containsExactly(-1, 0, -1);
        assertThat(LinearAssignment.solve(new double[][] {{7, 1}, {2, 6}, {0, 9}}))
                .containsExactly(1, -1, 0);
    }

    @Test
    void optimalAgainstBruteForce() {
        qt().withFixedSeed(42).withExamples(400).forAll(matrices(0)).checkAssert(cost -> {
            int[] a = LinearAssignment.solve(cost);
            assertValid(cost, a);
            assertThat(pairs(a)).isEqualTo(Math.min(cost.length, cost[0].length));
            assertThat(LinearAssignment.totalCost(cost, a)).isCloseTo(bruteForce(cost)[1], within(1e-9));
        });
    }

    @Test
    void forbiddenPairsAreNeverUsedAndCardinalityIsMaximal() {
        qt().withFixedSeed(43).withExamples(400).forAll(matrices(0.4)).checkAssert(cost -> {
            int[] a = LinearAssignment.solve(cost);
            assertValid(cost, a);
            double[] best = bruteForce(cost);
            assertThat((double) pairs(a)).isEqualTo(best[0]);
            assertThat(LinearAssignment.totalCost(cost, a)).isCloseTo(best[1], within(1e-9));
        });
    }

    @Test
    void allForbiddenGivesNoPairs() {
        double inf = Double.POSITIVE_INFINITY;
        assertThat(LinearAssignment.solve(new double[][] {{inf, inf}, {inf, inf}}))
                .containsExactly(-1, -1);
    }

    @Test
    void rejectsBadMatricesWithClearMessages() {
        assertThatThrownBy(() -> LinearAssignment.solve(new double[0][])).hasMessageContaining("empty");
        assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{}})).hasMessageContaining("empty");
        assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("ragged")
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{1, Double.NaN}}))
                .hasMessageContaining("[0][1]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{Double.NEGATIVE_INFINITY}}))
                .hasMessageContaining("-Infinity");
    }

    @Test
    void hundredByHundredIsFast() {
        Random rnd = new Random(7);
        double[][] cost = new double[100][100];
        for (double[] row : cost) {
            for (int j = 0; j < 100; j++) {
                row[j] = rnd.nextDouble();
            }
        }
        for (int i = 0; i < 50; i++) {
            LinearAssignment.solve(cost); // warm-up for the JIT
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            LinearAssignment.solve(cost);
            best = Math.min(best, System.nanoTime() - t);
        }
        assertThat(best / 1e6).as("best of 20, ms").isLessThan(10.0);
    }

    private static int pairs(int[] a) {
        return (int) Arrays.stream(a).filter(j -> j >= 0).count();
    }

    private static void assertValid(double[][] cost, int[] a) {
        assertThat(a).hasSize(cost.length);
        boolean[] used = new boolean[cost[0].length];
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0) {
                assertThat(used[a[i]]).as("column %d used twice", a[i]).isFalse();
                used[a[i]] = true;
                assertThat(cost[i][a[i]]).isFinite();
            }
        }
    }

    /** {max number of allowed pairs, min cost among those} over every partial injection rows -> cols. */
    private static double[] bruteForce(double[][] cost) {
        double[] best = {-1, Double.POSITIVE_INFINITY};
        search(cost, 0, new boolean[cost[0].length], 0, 0, best);
        return best;
    }

    private static void search(double[][] cost, int row, boolean[] used, int pairs, double sum, double[] best) {
        if (row == cost.length) {
            if (pairs > best[0] || (pairs == best[0] && sum < best[1])) {
                best[0] = pairs;
                best[1] = sum;
            }
            return;
        }
        search(cost, row + 1, used, pairs, sum, best); // row left unassigned
        for (int j = 0; j < used.length; j++) {
            if (!used[j] && cost[row][j] != Double.POSITIVE_INFINITY) {
                used[j] = true;
                search(cost, row + 1, used, pairs + 1, sum + cost[row][j], best);
                used[j] = false;
            }
        }
    }
}

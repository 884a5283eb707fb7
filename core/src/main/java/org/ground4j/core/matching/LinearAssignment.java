package org.ground4j.core.matching;

import java.util.Arrays;

/**
 * Exact minimum-cost assignment for rectangular matrices: the semantics of SciPy's
 * {@code linear_sum_assignment}. Used by the training matcher (queries vs targets) and by the metrics
 * (maximum one-to-one matchings).
 *
 * <p>Shortest augmenting paths with dual potentials (the Hungarian method in Jonker-Volgenant form),
 * O(n^2 m) for n = min(rows, cols), m = max(rows, cols).
 *
 * <p>{@code +infinity} marks a forbidden pair. Forbidden pairs are never returned; when no assignment of
 * min(rows, cols) allowed pairs exists, the result holds the largest possible number of allowed pairs,
 * and among those the cheapest. (SciPy raises an error in that case; grounding needs the partial answer.)
 *
 * <pre>{@code
 * int[] col = LinearAssignment.solve(new double[][] {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}});
 * // col = [1, 0, 2]: row 0 -> column 1, row 1 -> column 0, row 2 -> column 2 (total cost 5)
 * }</pre>
 */
public final class LinearAssignment {

    private LinearAssignment() {}

    /**
     * @param cost {@code [rows][cols]} costs, finite or {@code +infinity}; rows and cols >= 1
     * @return for each row, its assigned column or -1
     * @throws IllegalArgumentException on an empty or ragged matrix, NaN or -infinity, naming the cell
     */
    public static int[] solve(double[][] cost) {
        validate(cost);
        int rows = cost.length, cols = cost[0].length;
        double big = forbiddenCost(cost);
        boolean transpose = rows > cols;
        int n = Math.min(rows, cols), m = Math.max(rows, cols);
        double[][] a = new double[n][m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double c = cost[i][j] == Double.POSITIVE_INFINITY ? big : cost[i][j];
                if (transpose) {
                    a[j][i] = c;
                } else {
                    a[i][j] = c;
                }
            }
        }
        int[] rowToCol = hungarian(a);
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        for (int i = 0; i < n; i++) {
            int j = rowToCol[i];
            int r = transpose ? j : i, c = transpose ? i : j;
            if (cost[r][c] != Double.POSITIVE_INFINITY) {
                result[r] = c;
            }
        }
        return result;
    }

    /** Total cost of an assignment returned by {@link #solve}. */
    public static double totalCost(double[][] cost, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                sum += cost[i][assignment[i]];
            }
        }
        return sum;
    }

    /**
     * Shortest augmenting path Hungarian method for {@code n <= m}; 1-based potentials as in the classic
     * formulation. Returns the column of every row.
     */
    private static int[] hungarian(double[][] a) {
        int n = a.length, m = a[0].length;
        double[] u = new double[n + 1], v = new double[m + 1], minv = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = -1;
                double delta = Double.POSITIVE_INFINITY;
                double[] row = a[i0 - 1];
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = row[j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }

    /**
     * A finite stand-in for +infinity, larger than the spread of any assignment of allowed pairs, so that
     * one forbidden pair more always costs more than any choice among allowed ones.
     */
    private static double forbiddenCost(double[][] cost) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : cost) {
            for (double c : row) {
                if (c != Double.POSITIVE_INFINITY) {
                    lo = Math.min(lo, c);
                    hi = Math.max(hi, c);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        int n = Math.min(cost.length, cost[0].length);
        return hi + (hi - lo + 1.0) * (n + 1);
    }

    private static void validate(double[][] cost) {
        if (cost == null || cost.length == 0) {
            throw new IllegalArgumentException("cost matrix is empty: expected at least 1 row");
        }
        if (cost[0] == null || cost[0].length == 0) {
            throw new IllegalArgumentException("cost matrix is empty: row 0 has no columns");
        }
        int cols = cost[0].length;
        for (int i = 0; i < cost.length; i++) {
            if (cost[i] == null || cost[i].length != cols) {
                throw new IllegalArgumentException("cost matrix is ragged: row 0 has " + cols + " columns, row " + i
                        + " has " + (cost[i] == null ? "none (null)" : cost[i].length));
            }
            for (int j = 0; j < cols; j++) {
                double c = cost[i][j];
                if (Double.isNaN(c) || c == Double.NEGATIVE_INFINITY) {
                    throw new IllegalArgumentException("cost matrix cell [" + i + "][" + j + "] is " + c
                            + ": expected a finite cost or +Infinity");
                }
            }
        }
    }
}

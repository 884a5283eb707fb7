package org.ground4j.eval;

/**
 * McNemar's exact test for two models scored on the same samples: of the {@code b + c} samples on which they
 * disagree, {@code b} only the first gets right and {@code c} only the second. Under the null hypothesis (equal
 * success rates) each disagreement goes either way with probability 1/2, so {@code min(b, c)} is binomial
 * {@code (b + c, 1/2)}; the two-sided p-value doubles its lower tail. Samples both get right or both get wrong
 * carry no information about which is better, which is why the paired test sees differences that two
 * independent standard errors hide.
 *
 * <pre>{@code
 * McNemar.exactP(37, 82);   // 5.1e-5: 82 sentences only the new model gets right, 37 only the old
 * McNemar.exactP(3, 3);     // 1.0
 * }</pre>
 */
public final class McNemar {

    private McNemar() {}

    /**
     * @param b samples only the first model gets right, {@code >= 0}
     * @param c samples only the second model gets right, {@code >= 0}
     * @return the two-sided exact p-value in (0, 1]; 1 when they never disagree
     * @throws IllegalArgumentException on a negative count
     */
    public static double exactP(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("disagreement counts must be >= 0, got " + b + " and " + c);
        }
        int n = b + c;
        int k = Math.min(b, c);
        // P(X <= k) for X ~ Bin(n, 1/2), summed in log space: 2^-n underflows a double from n = 1075 on
        double logHalfN = -n * Math.log(2);
        double logTerm = logHalfN; // log C(n, 0) 2^-n
        double largest = logTerm;
        double[] logs = new double[k + 1];
        logs[0] = logTerm;
        for (int i = 1; i <= k; i++) {
            logTerm += Math.log((double) (n - i + 1) / i);
            logs[i] = logTerm;
            largest = Math.max(largest, logTerm);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - largest);
        }
        double tail = Math.exp(largest + Math.log(sum));
        return Math.min(1.0, 2 * tail);
    }
}

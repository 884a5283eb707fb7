package org.ground4j.eval;

/**
 * Running sums of sample outcomes, turned into {@link Figures} at the end. Mutable and package-private:
 * the evaluator keeps one per group, category and threshold and adds each sample once.
 */
final class Tally {

    private int n;
    private int successes;
    private int nNo;
    private int noSuccesses;
    private int nBoxed;
    private double chF1Sum;
    private double maskIouSum;
    private int maskHits;

    void add(SampleOutcome o) {
        n++;
        if (o.success()) {
            successes++;
        }
        if (o.gold() == 0) {
            nNo++;
            if (o.success()) {
                noSuccesses++;
            }
            return;
        }
        nBoxed++;
        chF1Sum += o.chF1();
        maskIouSum += o.maskIou();
        if (o.maskHit()) {
            maskHits++;
        }
    }

    Figures figures() {
        return new Figures(
                n,
                nNo,
                nBoxed,
                ratio(successes, n),
                ratio(noSuccesses, nNo),
                mean(chF1Sum, nBoxed),
                mean(maskIouSum, nBoxed),
                ratio(maskHits, nBoxed));
    }

    private static double ratio(int count, int over) {
        return over == 0 ? Double.NaN : (double) count / over;
    }

    /** A mean of values in [0,1], clipped against rounding in the last bit of the sum. */
    private static double mean(double sum, int over) {
        return over == 0 ? Double.NaN : Math.min(1.0, sum / over);
    }
}

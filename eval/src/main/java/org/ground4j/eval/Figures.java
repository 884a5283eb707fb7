package org.ground4j.eval;

/**
 * The figures of one set of samples (a group, a category, or a group at one threshold), as fractions in
 * [0,1] (DESIGN.md section 5). A figure with no sample to define it is {@code NaN}: N-Acc without No
 * samples; CH-F1, mIoU and Acc without samples that have gold boxes; everything when {@code n == 0}.
 *
 * <pre>{@code
 * Figures single = evaluation.groups().single();
 * System.out.printf("P@F1=1 %.1f%%, CH-F1 %.1f%%%n", 100 * single.pAtF1(), 100 * single.chF1());
 * }</pre>
 *
 * @param n      number of samples
 * @param nNo    samples without gold boxes (the ones N-Acc is over)
 * @param nBoxed samples with at least one gold box (the ones CH-F1, mIoU and Acc are over)
 * @param pAtF1  P@F1=1 at IoU 0.5: fraction of the n samples that succeed
 * @param nAcc   N-Acc: fraction of the No samples predicted empty
 * @param chF1   CH-F1: mean per-sample centre-hit F1 over the samples with gold boxes
 * @param miou   mIoU: mean mask IoU over the samples with gold boxes
 * @param acc    Acc: fraction of the samples with gold boxes whose mask IoU is at least 0.5
 */
public record Figures(int n, int nNo, int nBoxed, double pAtF1, double nAcc, double chF1, double miou, double acc) {

    /** @throws IllegalArgumentException on inconsistent counts or a figure that is neither NaN nor in [0,1] */
    public Figures {
        if (nNo < 0 || nBoxed < 0 || nNo + nBoxed != n) {
            throw new IllegalArgumentException(
                    "expected n = nNo + nBoxed with both >= 0, got n=" + n + " nNo=" + nNo + " nBoxed=" + nBoxed);
        }
        check("p_at_f1_1", pAtF1, n);
        check("n_acc", nAcc, nNo);
        check("ch_f1", chF1, nBoxed);
        check("miou", miou, nBoxed);
        check("acc", acc, nBoxed);
    }

    /** Figures of an empty set: n = 0, every figure NaN. */
    public static Figures empty() {
        return new Tally().figures();
    }

    private static void check(String name, double value, int over) {
        boolean ok = over == 0 ? Double.isNaN(value) : value >= 0 && value <= 1;
        if (!ok) {
            throw new IllegalArgumentException(
                    name + " over " + over + " samples must be " + (over == 0 ? "NaN" : "in [0,1]") + ", got " + value);
        }
    }
}

package org.ground4j.core.image;

/**
 * Maps 16-bit pixel values to [0,1] by a window between two percentiles of the image's own histogram:
 * values at or below the low percentile become 0, at or above the high percentile 1, linear between.
 *
 * <p>Why percentiles, and why 0.5 / 99.5 by default: 16-bit radiographs (PadChest-GR ships 16-bit grey PNGs)
 * rarely use the whole 0..65535 range — detectors deliver 10 to 14 significant bits, and each vendor scales them
 * differently — so dividing by 65535 gives dark, low-contrast images whose brightness depends on the machine.
 * A min/max window adapts to the range but is decided by a handful of extreme pixels (burned-in markers,
 * collimator edges, dead pixels), which are common on radiographs. Clipping half a percent at each end ignores
 * such outliers while keeping the contrast of essentially all the anatomy, and gives the same result for the
 * same picture stored at any bit depth or offset (the window is invariant to increasing linear rescaling,
 * so a DICOM rescale slope/intercept does not matter either).
 *
 * <p>When the two percentiles coincide (an almost constant image), the window falls back to the full min..max
 * range; a constant image maps to 0 everywhere.
 *
 * <pre>{@code
 * float[] unit = PercentileWindow.DEFAULT.apply(rawUnsignedShorts);
 * }</pre>
 *
 * @param lowPercent  percentile mapped to 0, in [0, 100)
 * @param highPercent percentile mapped to 1, in (lowPercent, 100]
 */
public record PercentileWindow(double lowPercent, double highPercent) {

    /** 0.5 / 99.5: see the class comment. */
    public static final PercentileWindow DEFAULT = new PercentileWindow(0.5, 99.5);

    private static final int LEVELS = 65536;

    /** @throws IllegalArgumentException unless {@code 0 <= low < high <= 100} */
    public PercentileWindow {
        if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100)) {
            throw new IllegalArgumentException(
                    "percentile window needs 0 <= low < high <= 100, got " + lowPercent + " / " + highPercent);
        }
    }

    /**
     * Windows unsigned 16-bit samples.
     *
     * @param samples values read as unsigned ({@code s & 0xFFFF}), any channel layout
     * @return one float in [0,1] per sample, same order
     */
    public float[] apply(short[] samples) {
        int[] histogram = new int[LEVELS];
        for (short s : samples) {
            histogram[s & 0xFFFF]++;
        }
        int[] range = range(histogram, samples.length);
        float[] out = new float[samples.length];
        int lo = range[0];
        int hi = range[1];
        if (hi <= lo) {
            return out;
        }
        float span = hi - lo;
        for (int i = 0; i < samples.length; i++) {
            int v = samples[i] & 0xFFFF;
            out[i] = v <= lo ? 0f : v >= hi ? 1f : (v - lo) / span;
        }
        return out;
    }

    /** {@code [low, high]} sample values of the window for a histogram of {@code n} samples. */
    int[] range(int[] histogram, long n) {
        int lo = valueAtRank(histogram, rank(lowPercent, n));
        int hi = valueAtRank(histogram, rank(highPercent, n));
        if (hi <= lo) {
            lo = valueAtRank(histogram, 0);
            hi = valueAtRank(histogram, n - 1);
        }
        return new int[] {lo, hi};
    }

    /** Nearest-rank index (0-based) of a percentile among {@code n} sorted values. */
    private static long rank(double percent, long n) {
        return Math.min(n - 1, Math.max(0, Math.round(percent / 100.0 * (n - 1))));
    }

    private static int valueAtRank(int[] histogram, long rank) {
        long seen = 0;
        for (int v = 0; v < histogram.length; v++) {
            seen += histogram[v];
            if (seen > rank) {
                return v;
            }
        }
        return histogram.length - 1;
    }
}

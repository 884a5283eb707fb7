package org.ground4j.core.image;

import java.util.Arrays;

/**
 * How an image becomes model input (DESIGN.md section 2): the side of the square input and the per-channel
 * normalisation. Defaults: 640, ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
 *
 * <pre>{@code
 * PreprocessConfig tiny = PreprocessConfig.DEFAULT.withSize(256);
 * }</pre>
 *
 * @param size side of the square input in pixels
 * @param mean per-channel mean (R, G, B), subtracted after scaling to [0,1]
 * @param std  per-channel standard deviation (R, G, B), divided by afterwards; each {@code > 0}
 */
public record PreprocessConfig(int size, double[] mean, double[] std) {

    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    /** 640, ImageNet mean and std. */
    public static final PreprocessConfig DEFAULT = new PreprocessConfig(640, IMAGENET_MEAN, IMAGENET_STD);

    /** @throws IllegalArgumentException on a non-positive size, or mean/std not of length 3, or std not positive */
    public PreprocessConfig {
        if (size <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + size);
        }
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B), got " + Arrays.toString(mean)
                    + " / " + Arrays.toString(std));
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The same normalisation at another input size. */
    public PreprocessConfig withSize(int newSize) {
        return new PreprocessConfig(newSize, mean, std);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** The value a padded (black) pixel has after normalisation, per channel: {@code -mean / std}. */
    public float paddingValue(int channel) {
        return (float) ((0.0 - mean[channel]) / std[channel]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessConfig p
                && p.size == size
                && Arrays.equals(p.mean, mean)
                && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "PreprocessConfig[size=" + size + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + "]";
    }
}

package org.ground4j.core.data.augment;

import java.util.Random;
import org.ground4j.core.image.UnitImage;

/** Additive Gaussian noise on [0,1] pixel values, clipped back to [0,1]; the same noise on every channel of a pixel. */
public final class GaussianNoise {

    private GaussianNoise() {}

    /** A noisy copy of {@code image}; {@code sigma == 0} returns the image itself. */
    public static UnitImage apply(UnitImage image, double sigma, Random rng) {
        if (sigma == 0) {
            return image;
        }
        float[] src = image.pixels();
        float[] out = new float[src.length];
        int c = image.channels();
        for (int p = 0; p < src.length; p += c) {
            float n = (float) (rng.nextGaussian() * sigma);
            for (int k = 0; k < c; k++) {
                out[p + k] = Math.max(0f, Math.min(1f, src[p + k] + n));
            }
        }
        return new UnitImage(image.width(), image.height(), c, out);
    }
}

package org.ground4j.core.data.augment;

/**
 * Training-time augmentation settings (DESIGN.md section 3): Gaussian noise and a random crop.
 *
 * @param noiseSigma         standard deviation of the additive Gaussian noise on [0,1] pixel values; 0 turns it off
 * @param cropProbability    chance that an image is cropped at all, in [0,1]
 * @param minCropFraction    smallest crop side as a fraction of the image side, in (0,1]; each side is drawn
 *                           uniformly in [minCropFraction, 1] independently
 * @param minVisibleFraction a box keeps its place only if at least this fraction of its area lies inside the crop
 *                           (0.9 by the method); otherwise it is dropped
 */
public record AugmentConfig(
        double noiseSigma, double cropProbability, double minCropFraction, double minVisibleFraction) {

    /** Noise sigma 0.02, crop half the images to sides of 70-100 %, keep boxes at least 90 % visible. */
    public static final AugmentConfig DEFAULT = new AugmentConfig(0.02, 0.5, 0.7, 0.9);

    /** @throws IllegalArgumentException when a value lies outside its range */
    public AugmentConfig {
        if (!(noiseSigma >= 0 && Double.isFinite(noiseSigma))) {
            throw new IllegalArgumentException("noiseSigma must be finite and >= 0, got " + noiseSigma);
        }
        if (!(cropProbability >= 0 && cropProbability <= 1)) {
            throw new IllegalArgumentException("cropProbability must lie in [0,1], got " + cropProbability);
        }
        if (!(minCropFraction > 0 && minCropFraction <= 1)) {
            throw new IllegalArgumentException("minCropFraction must lie in (0,1], got " + minCropFraction);
        }
        if (!(minVisibleFraction >= 0 && minVisibleFraction <= 1)) {
            throw new IllegalArgumentException("minVisibleFraction must lie in [0,1], got " + minVisibleFraction);
        }
    }
}

package org.ground4j.core.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.UnitImage;

/**
 * Training augmentation for one image and all of its sentences (DESIGN.md section 3), deterministic under a seed:
 * first a random crop (with probability {@link AugmentConfig#cropProbability()}), then Gaussian noise.
 *
 * <p>Boxes follow the crop: a box less than {@link AugmentConfig#minVisibleFraction()} visible is dropped, the
 * others are clipped and re-normalised to the crop. A sentence whose boxes are all dropped is removed from this
 * augmented sample — it is not turned into a negative, because the finding is still there, only cut off. A
 * sentence that had no box (a negation, a normal statement) stays, with no box.
 *
 * <pre>{@code
 * Augmenter aug = new Augmenter(AugmentConfig.DEFAULT);
 * Augmented a = aug.apply(image, sentencesOfThatImage, seed ^ step);
 * }</pre>
 */
public final class Augmenter {

    private final AugmentConfig config;

    public Augmenter(AugmentConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public AugmentConfig config() {
        return config;
    }

    /** Augments with a generator made from {@code seed}: the same seed gives the same result. */
    public Augmented apply(UnitImage image, List<Sample> sentences, long seed) {
        return apply(image, sentences, new Random(seed));
    }

    /**
     * Augments with the caller's generator.
     *
     * @param sentences samples of this image, boxes normalised to it
     */
    public Augmented apply(UnitImage image, List<Sample> sentences, Random rng) {
        CropWindow window = rng.nextDouble() < config.cropProbability()
                ? CropWindow.random(image.width(), image.height(), config.minCropFraction(), rng)
                : CropWindow.full(image.width(), image.height());
        Box crop = window.normalisedIn(image.width(), image.height());
        List<Sample> kept = new ArrayList<>(sentences.size());
        int boxesDropped = 0;
        int sentencesDropped = 0;
        for (Sample s : sentences) {
            List<Box> boxes = CropBoxes.crop(s.boxes(), crop, config.minVisibleFraction());
            boxesDropped += s.boxes().size() - boxes.size();
            if (!s.boxes().isEmpty() && boxes.isEmpty()) {
                sentencesDropped++;
                continue;
            }
            kept.add(new Sample(s.id(), s.image(), s.sentence(), boxes, null, s.category(), s.lang()));
        }
        UnitImage cropped = window.x() == 0
                        && window.y() == 0
                        && window.width() == image.width()
                        && window.height() == image.height()
                ? image
                : window.cut(image);
        UnitImage noisy = GaussianNoise.apply(cropped, config.noiseSigma(), rng);
        return new Augmented(noisy, kept, window, boxesDropped, sentencesDropped);
    }
}

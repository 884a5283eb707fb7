package org.ground4j.core.data.augment;

import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.image.UnitImage;

/**
 * One augmented image with the sentences that still apply to it.
 *
 * @param image            the cropped, noisy image
 * @param samples          the image's sentences with boxes normalised to the crop; a sentence that lost every box
 *                         is absent, a sentence that never had a box is kept
 * @param crop             the window taken from the original image (the whole image when not cropped)
 * @param boxesDropped     boxes less visible than the configured fraction
 * @param sentencesDropped sentences that had boxes and lost them all
 */
public record Augmented(
        UnitImage image, List<Sample> samples, CropWindow crop, int boxesDropped, int sentencesDropped) {

    public Augmented {
        samples = List.copyOf(samples);
    }
}

package org.ground4j.train;

import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.TokenBatch;

/**
 * One step's tensors and targets: images (each encoded once), all of their sentences, and the gold boxes of
 * each sentence in the model input's normalised frame.
 *
 * @param images     {@code [B, 3, S, S]} with content sizes
 * @param letterbox  per image, how it sits in the input (to map predictions back)
 * @param imageIndex per sentence, its image
 * @param text       the sentences, tokenised
 * @param targets    per sentence, gold boxes in model space
 * @param samples    per sentence, the sample it came from (after augmentation)
 */
public record PreparedBatch(
        ImageBatch images,
        List<Letterbox> letterbox,
        int[] imageIndex,
        TokenBatch text,
        List<List<Box>> targets,
        List<Sample> samples) {

    public int sentences() {
        return imageIndex.length;
    }
}

package org.ground4j.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Post-processing settings stored with a checkpoint: the confidence threshold chosen on validation and
 * the fusion IoU (DESIGN.md section 4; the paper's values are 0.8 and 0.1).
 *
 * @param threshold confidence threshold in [0,1]
 * @param fusionIou weighted box fusion IoU in [0,1]
 */
public record InferenceSettings(@JsonProperty("threshold") double threshold, @JsonProperty("fusion_iou") double fusionIou) {

    /** @throws IllegalArgumentException outside [0,1] */
    public InferenceSettings {
        if (!(threshold >= 0 && threshold <= 1) || !(fusionIou >= 0 && fusionIou <= 1)) {
            throw new IllegalArgumentException("threshold and fusion_iou must lie in [0,1], got " + threshold + " and "
                    + fusionIou);
        }
    }

    /** The paper's: threshold 0.8, fusion IoU 0.1. */
    public static InferenceSettings paper() {
        return new InferenceSettings(0.8, 0.1);
    }
}

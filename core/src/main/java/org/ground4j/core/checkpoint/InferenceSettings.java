package org.ground4j.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Post-processing settings stored with a checkpoint: the confidence threshold chosen on validation, the fusion
 * IoU (DESIGN.md section 4; the paper's values are 0.8 and 0.1) and the relative threshold (ours, off in the
 * paper's settings: a sentence keeps only the boxes scoring at least this share of its best box's score).
 *
 * @param threshold         confidence threshold in [0,1]
 * @param fusionIou         weighted box fusion IoU in [0,1]
 * @param relativeThreshold share in [0,1] of the sentence's best score that a fused box needs; 0 keeps every
 *                          box above {@code threshold} (a checkpoint written before it existed reads as 0)
 */
public record InferenceSettings(
        @JsonProperty("threshold") double threshold,
        @JsonProperty("fusion_iou") double fusionIou,
        @JsonProperty("relative_threshold") double relativeThreshold) {

    /** @throws IllegalArgumentException outside [0,1] */
    public InferenceSettings {
        requireUnit("confidence threshold", threshold);
        requireUnit("fusion IoU", fusionIou);
        requireUnit("relative threshold", relativeThreshold);
    }

    /**
     * The check every post-processing setting passes, wherever it is given (a checkpoint, an override, a command-line
     * option, a search grid).
     *
     * @param name names the setting in the message ({@code "fusion IoU"})
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is not a number in [0,1]
     */
    public static double requireUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0,1], got " + value);
        }
        return value;
    }

    /** Without a relative threshold. */
    public InferenceSettings(double threshold, double fusionIou) {
        this(threshold, fusionIou, 0);
    }

    /** The paper's: threshold 0.8, fusion IoU 0.1, no relative threshold. */
    public static InferenceSettings paper() {
        return new InferenceSettings(0.8, 0.1);
    }
}

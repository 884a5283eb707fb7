package org.ground4j.infer;

import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.image.ImageLimits;

/**
 * Post-processing settings that override those stored in the checkpoint ({@link InferenceSettings}: the
 * confidence threshold and the relative threshold chosen on validation, and the fusion IoU), and the largest image
 * the grounder decodes. {@code null} keeps the checkpoint's value (the default limits).
 *
 * <pre>{@code
 * try (Grounder g = Grounder.load(Path.of("models/demo"), GrounderOptions.fromCheckpoint().withThreshold(0.5))) {
 *     ...
 * }
 * }</pre>
 *
 * @param threshold         minimum confidence in [0,1] of a query's box, or {@code null} for the checkpoint's
 * @param fusionIou         weighted box fusion IoU in [0,1], or {@code null} for the checkpoint's
 * @param relativeThreshold minimum share in [0,1] of the sentence's best fused score, or {@code null} for the
 *                          checkpoint's ({@link PostProcessor})
 * @param imageLimits       the largest image decoded, checked on the size its header declares before decoding, or
 *                          {@code null} for {@link ImageLimits#DEFAULT}
 */
public record GrounderOptions(Double threshold, Double fusionIou, Double relativeThreshold, ImageLimits imageLimits) {

    /** @throws IllegalArgumentException when a value lies outside [0,1] */
    public GrounderOptions {
        if (threshold != null) {
            InferenceSettings.requireUnit("confidence threshold", threshold);
        }
        if (fusionIou != null) {
            InferenceSettings.requireUnit("fusion IoU", fusionIou);
        }
        if (relativeThreshold != null) {
            InferenceSettings.requireUnit("relative threshold", relativeThreshold);
        }
    }

    /** Post-processing overrides with the default image limits. */
    public GrounderOptions(Double threshold, Double fusionIou, Double relativeThreshold) {
        this(threshold, fusionIou, relativeThreshold, null);
    }

    /** Threshold and fusion IoU overrides; the checkpoint's relative threshold. */
    public GrounderOptions(Double threshold, Double fusionIou) {
        this(threshold, fusionIou, null, null);
    }

    /** Everything as the checkpoint says. */
    public static GrounderOptions fromCheckpoint() {
        return new GrounderOptions(null, null, null, null);
    }

    public GrounderOptions withThreshold(double t) {
        return new GrounderOptions(t, fusionIou, relativeThreshold, imageLimits);
    }

    public GrounderOptions withFusionIou(double iou) {
        return new GrounderOptions(threshold, iou, relativeThreshold, imageLimits);
    }

    public GrounderOptions withRelativeThreshold(double r) {
        return new GrounderOptions(threshold, fusionIou, r, imageLimits);
    }

    public GrounderOptions withImageLimits(ImageLimits limits) {
        return new GrounderOptions(threshold, fusionIou, relativeThreshold, limits);
    }

    /** The image limits, {@link ImageLimits#DEFAULT} when none are set. */
    public ImageLimits imageLimitsOrDefault() {
        return imageLimits != null ? imageLimits : ImageLimits.DEFAULT;
    }

    /** The post-processing these options give on a checkpoint with {@code stored} settings. */
    public PostProcessor resolve(InferenceSettings stored) {
        return new PostProcessor(
                threshold != null ? threshold : stored.threshold(),
                fusionIou != null ? fusionIou : stored.fusionIou(),
                relativeThreshold != null ? relativeThreshold : stored.relativeThreshold());
    }
}

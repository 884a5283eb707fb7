package org.ground4j.infer;

import org.ground4j.core.checkpoint.InferenceSettings;

/**
 * Post-processing settings that override those stored in the checkpoint ({@link InferenceSettings}: the
 * confidence threshold and the relative threshold chosen on validation, and the fusion IoU). {@code null} keeps
 * the checkpoint's value.
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
 */
public record GrounderOptions(Double threshold, Double fusionIou, Double relativeThreshold) {

    /** @throws IllegalArgumentException when a value lies outside [0,1] */
    public GrounderOptions {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("confidence threshold must lie in [0,1], got " + threshold);
        }
        if (fusionIou != null && !(fusionIou >= 0 && fusionIou <= 1)) {
            throw new IllegalArgumentException("fusion IoU must lie in [0,1], got " + fusionIou);
        }
        if (relativeThreshold != null && !(relativeThreshold >= 0 && relativeThreshold <= 1)) {
            throw new IllegalArgumentException("relative threshold must lie in [0,1], got " + relativeThreshold);
        }
    }

    /** Threshold and fusion IoU overrides; the checkpoint's relative threshold. */
    public GrounderOptions(Double threshold, Double fusionIou) {
        this(threshold, fusionIou, null);
    }

    /** Everything as the checkpoint says. */
    public static GrounderOptions fromCheckpoint() {
        return new GrounderOptions(null, null, null);
    }

    public GrounderOptions withThreshold(double t) {
        return new GrounderOptions(t, fusionIou, relativeThreshold);
    }

    public GrounderOptions withFusionIou(double iou) {
        return new GrounderOptions(threshold, iou, relativeThreshold);
    }

    public GrounderOptions withRelativeThreshold(double r) {
        return new GrounderOptions(threshold, fusionIou, r);
    }

    /** The post-processing these options give on a checkpoint with {@code stored} settings. */
    public PostProcessor resolve(InferenceSettings stored) {
        return new PostProcessor(threshold != null ? threshold : stored.threshold(),
                fusionIou != null ? fusionIou : stored.fusionIou(),
                relativeThreshold != null ? relativeThreshold : stored.relativeThreshold());
    }
}

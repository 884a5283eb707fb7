package org.ground4j.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a training graph adds to the model of a {@link ModelConfig}: dropout, the dense token head, and how the
 * backbone's BatchNorm trains. One record, so that a graph is built from configuration values rather than loose
 * booleans.
 *
 * <pre>{@code
 * TrainingGraph g = TrainingGraph.build(cfg, weights,
 *         TrainingOptions.DEFAULT.withDropout(0.1).withDenseHead(true).withBatchNorm(TrainingOptions.BatchNorm.TRAIN));
 * }</pre>
 *
 * @param dropout   dropout probability inside the transformer and the text encoder, in [0, 1)
 * @param denseHead whether to add the dense token head for the criterion's dense auxiliary loss
 * @param batchNorm how the backbone's BatchNorm trains
 */
public record TrainingOptions(double dropout, boolean denseHead, BatchNorm batchNorm) {

    /** No dropout, no dense head, frozen BatchNorm. */
    public static final TrainingOptions DEFAULT = new TrainingOptions(0.0, false, BatchNorm.FROZEN);

    /** How the backbone's BatchNorm trains; written in YAML as {@code frozen} or {@code train}. */
    public enum BatchNorm {
        /** DETR's frozen BatchNorm: stem and layer1 fixed, the running statistics used as they are. */
        FROZEN,
        /** The whole backbone trains with BatchNorm on batch statistics (running averages kept for inference). */
        TRAIN;

        /** The YAML spelling. */
        @JsonValue
        public String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a spelling that is neither */
        @JsonCreator
        public static BatchNorm of(String yaml) {
            for (BatchNorm b : values()) {
                if (b.yaml().equals(yaml)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("batch_norm must be frozen or train, got \"" + yaml + "\"");
        }
    }

    /** @throws IllegalArgumentException for a dropout outside [0, 1) */
    public TrainingOptions {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
        }
        batchNorm = batchNorm == null ? BatchNorm.FROZEN : batchNorm;
    }

    /** Whether the backbone trains whole with BatchNorm on batch statistics. */
    public boolean batchStats() {
        return batchNorm == BatchNorm.TRAIN;
    }

    public TrainingOptions withDropout(double d) {
        return new TrainingOptions(d, denseHead, batchNorm);
    }

    public TrainingOptions withDenseHead(boolean on) {
        return new TrainingOptions(dropout, on, batchNorm);
    }

    public TrainingOptions withBatchNorm(BatchNorm b) {
        return new TrainingOptions(dropout, denseHead, b);
    }
}

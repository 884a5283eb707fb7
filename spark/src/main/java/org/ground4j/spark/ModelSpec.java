package org.ground4j.spark;

import java.io.Serializable;
import java.util.Objects;
import org.ground4j.infer.GrounderOptions;

/**
 * Which checkpoint the executors ground with, and the post-processing overrides: what a task carries instead of
 * the model itself (the weights are loaded once per executor JVM by {@link ExecutorGrounders}).
 *
 * @param location  the checkpoint directory: a local path present on every executor (a shared mount, or the
 *                  folder of a {@code --archives} entry), or a Hadoop URI such as {@code hdfs://...} or
 *                  {@code s3a://...} (copied once to each executor's local disk)
 * @param threshold confidence threshold override, {@code null} for the checkpoint's
 * @param fusionIou fusion IoU override, {@code null} for the checkpoint's
 * @param relativeThreshold relative threshold override (a sentence keeps the boxes scoring at least this share of
 *                  its best), {@code null} for the checkpoint's
 */
public record ModelSpec(String location, Double threshold, Double fusionIou, Double relativeThreshold)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /** @throws IllegalArgumentException when an override lies outside [0,1] */
    public ModelSpec {
        Objects.requireNonNull(location, "model location");
        new GrounderOptions(threshold, fusionIou, relativeThreshold); // validates the ranges here, on the driver
    }

    /** The checkpoint with its own post-processing settings. */
    public static ModelSpec of(String location) {
        return new ModelSpec(location, null, null, null);
    }

    /** The overrides as grounder options. */
    public GrounderOptions options() {
        return new GrounderOptions(threshold, fusionIou, relativeThreshold);
    }

    /** Identifies one loaded grounder within an executor JVM. */
    String key() {
        return location + "|" + threshold + "|" + fusionIou + "|" + relativeThreshold;
    }
}

package org.ground4j.spark;

import java.io.Serializable;
import java.util.Objects;
import org.ground4j.core.image.ImageLimits;
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
 * @param maxImagePixels the largest image decoded, width x height ({@link ImageLimits}), {@code null} for the default
 * @param maxImageSide   the longest image side decoded, {@code null} for the default
 */
public record ModelSpec(
        String location,
        Double threshold,
        Double fusionIou,
        Double relativeThreshold,
        Long maxImagePixels,
        Integer maxImageSide)
        implements Serializable {

    private static final long serialVersionUID = 3L;

    /** @throws IllegalArgumentException when an override lies outside [0,1] or a limit is not positive */
    public ModelSpec {
        Objects.requireNonNull(location, "model location");
        options(threshold, fusionIou, relativeThreshold, maxImagePixels, maxImageSide);
    }

    /** Post-processing overrides with the default image limits. */
    public ModelSpec(String location, Double threshold, Double fusionIou, Double relativeThreshold) {
        this(location, threshold, fusionIou, relativeThreshold, null, null);
    }

    /** The checkpoint with its own post-processing settings. */
    public static ModelSpec of(String location) {
        return new ModelSpec(location, null, null, null, null, null);
    }

    /** The overrides as grounder options. */
    public GrounderOptions options() {
        return options(threshold, fusionIou, relativeThreshold, maxImagePixels, maxImageSide);
    }

    /** Identifies one loaded grounder within an executor JVM. */
    String key() {
        return location + "|" + threshold + "|" + fusionIou + "|" + relativeThreshold + "|" + maxImagePixels + "|"
                + maxImageSide;
    }

    /** Builds (and so validates) the options, on the driver as on the executors. */
    private static GrounderOptions options(
            Double threshold, Double fusionIou, Double relativeThreshold, Long maxImagePixels, Integer maxImageSide) {
        ImageLimits limits = maxImagePixels == null && maxImageSide == null
                ? null
                : new ImageLimits(
                        maxImagePixels != null ? maxImagePixels : ImageLimits.DEFAULT.maxPixels(),
                        maxImageSide != null ? maxImageSide : ImageLimits.DEFAULT.maxSide());
        return new GrounderOptions(threshold, fusionIou, relativeThreshold, limits);
    }
}

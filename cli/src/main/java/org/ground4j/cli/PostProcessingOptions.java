package org.ground4j.cli;

import org.ground4j.core.image.ImageLimits;
import org.ground4j.infer.GrounderOptions;
import picocli.CommandLine.Option;

/**
 * {@code --threshold}, {@code --fusion-iou}, {@code --relative-threshold} and the image limits, shared by the commands
 * that ground: {@code ground}, {@code attach} and {@code spark-attach} (a picocli mixin).
 */
public final class PostProcessingOptions {

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description = "Confidence threshold in [0,1] (default: the checkpoint's).")
    Double threshold;

    @Option(
            names = "--fusion-iou",
            paramLabel = "IOU",
            description = "Weighted box fusion IoU in [0,1] (default: the checkpoint's).")
    Double fusionIou;

    @Option(
            names = "--relative-threshold",
            paramLabel = "R",
            description = "Keep only the boxes scoring at least R times the sentence's best box, R in [0,1]; 0 keeps "
                    + "all (default: the checkpoint's).")
    Double relativeThreshold;

    @Option(
            names = "--max-image-pixels",
            paramLabel = "N",
            description = "Refuse images declaring more than N pixels (width x height), before decoding them "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "100000000")
    long maxImagePixels;

    @Option(
            names = "--max-image-side",
            paramLabel = "PX",
            description = "Refuse images declaring a side longer than PX pixels (default: ${DEFAULT-VALUE}).",
            defaultValue = "30000")
    int maxImageSide;

    /** The overrides as grounder options (null fields keep the checkpoint's values). */
    public GrounderOptions grounderOptions() {
        return new GrounderOptions(
                threshold, fusionIou, relativeThreshold, new ImageLimits(maxImagePixels, maxImageSide));
    }
}

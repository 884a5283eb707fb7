package org.ground4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.geometry.ScoredBox;

/**
 * What happens to one sentence's query outputs after the model (DESIGN.md section 4): keep the boxes
 * whose confidence reaches the threshold, then fuse overlapping ones with {@link WeightedBoxFusion}.
 * The paper's defaults are a threshold of 0.8 (chosen on validation) and a fusion IoU of 0.1.
 *
 * <pre>{@code
 * PostProcessor post = PostProcessor.defaults();             // 0.8, 0.1
 * List<ScoredBox> boxes = post.apply(queryBoxes);
 * PostProcessor lenient = post.withThreshold(0.5);
 * }</pre>
 *
 * @param threshold    minimum confidence in [0,1] (inclusive)
 * @param iouThreshold fusion IoU in [0,1]
 */
public record PostProcessor(double threshold, double iouThreshold) {

    /** The paper's confidence threshold. */
    public static final double DEFAULT_THRESHOLD = 0.8;
    /** The paper's fusion IoU. */
    public static final double DEFAULT_IOU_THRESHOLD = 0.1;

    /** @throws IllegalArgumentException if a threshold lies outside [0,1] */
    public PostProcessor {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("confidence threshold must lie in [0,1], got " + threshold);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("fusion IoU threshold must lie in [0,1], got " + iouThreshold);
        }
    }

    /** Threshold 0.8, fusion IoU 0.1. */
    public static PostProcessor defaults() {
        return new PostProcessor(DEFAULT_THRESHOLD, DEFAULT_IOU_THRESHOLD);
    }

    public PostProcessor withThreshold(double t) {
        return new PostProcessor(t, iouThreshold);
    }

    public PostProcessor withIouThreshold(double iou) {
        return new PostProcessor(threshold, iou);
    }

    /** Threshold, then fusion; the result is sorted by score, descending. */
    public List<ScoredBox> apply(List<ScoredBox> queryBoxes) {
        List<ScoredBox> kept = new ArrayList<>();
        for (ScoredBox b : queryBoxes) {
            if (b.score() >= threshold) {
                kept.add(b);
            }
        }
        return WeightedBoxFusion.fuse(kept, iouThreshold);
    }
}

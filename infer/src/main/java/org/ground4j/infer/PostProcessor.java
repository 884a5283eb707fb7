package org.ground4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.geometry.ScoredBox;

/**
 * What happens to one sentence's query outputs after the model (DESIGN.md section 4): keep the boxes
 * whose confidence reaches the threshold, fuse overlapping ones with {@link WeightedBoxFusion}, then keep the
 * fused boxes that score at least {@code relativeThreshold} times the sentence's best one. The paper's defaults
 * are a threshold of 0.8 (chosen on validation) and a fusion IoU of 0.1; the relative threshold is ours (0, off,
 * in the paper's settings): a model sure of one lesion but lukewarm about a second, lesion-like spot elsewhere
 * keeps only the first, while the similar scores of the several lesions a sentence describes keep them all.
 *
 * <pre>{@code
 * PostProcessor post = PostProcessor.defaults();             // 0.8, 0.1, relative 0
 * List<ScoredBox> boxes = post.apply(queryBoxes);
 * PostProcessor lenient = post.withThreshold(0.5).withRelativeThreshold(0.9);
 * PostProcessor stored = PostProcessor.of(checkpoint.inference());   // the settings a checkpoint carries
 * }</pre>
 *
 * @param threshold         minimum confidence in [0,1] (inclusive)
 * @param fusionIou         fusion IoU in [0,1]: a box joins a cluster when its IoU with the fused box is above it
 * @param relativeThreshold minimum share in [0,1] of the best fused score (inclusive); 0 keeps every fused box
 */
public record PostProcessor(double threshold, double fusionIou, double relativeThreshold) {

    /** The paper's confidence threshold. */
    public static final double DEFAULT_THRESHOLD = 0.8;
    /** The paper's fusion IoU. */
    public static final double DEFAULT_FUSION_IOU = 0.1;
    /**
     * Every query's box as the model gives it: no threshold, no fusion (a box joins a cluster only when its IoU is
     * strictly above 1), no relative threshold; for searches that re-run post-processing on stored predictions.
     */
    public static final PostProcessor RAW = new PostProcessor(0, 1, 0);

    /** @throws IllegalArgumentException if a threshold lies outside [0,1] */
    public PostProcessor {
        InferenceSettings.requireUnit("confidence threshold", threshold);
        InferenceSettings.requireUnit("fusion IoU", fusionIou);
        InferenceSettings.requireUnit("relative threshold", relativeThreshold);
    }

    /** Without a relative threshold. */
    public PostProcessor(double threshold, double fusionIou) {
        this(threshold, fusionIou, 0);
    }

    /** Threshold 0.8, fusion IoU 0.1, no relative threshold. */
    public static PostProcessor defaults() {
        return new PostProcessor(DEFAULT_THRESHOLD, DEFAULT_FUSION_IOU);
    }

    /** The post-processing of these stored settings. */
    public static PostProcessor of(InferenceSettings s) {
        return new PostProcessor(s.threshold(), s.fusionIou(), s.relativeThreshold());
    }

    /** These settings as a checkpoint stores them. */
    public InferenceSettings settings() {
        return new InferenceSettings(threshold, fusionIou, relativeThreshold);
    }

    public PostProcessor withThreshold(double t) {
        return new PostProcessor(t, fusionIou, relativeThreshold);
    }

    public PostProcessor withFusionIou(double iou) {
        return new PostProcessor(threshold, iou, relativeThreshold);
    }

    public PostProcessor withRelativeThreshold(double r) {
        return new PostProcessor(threshold, fusionIou, r);
    }

    /** Threshold, fusion, relative threshold; the result is sorted by score, descending. */
    public List<ScoredBox> apply(List<ScoredBox> queryBoxes) {
        List<ScoredBox> kept = new ArrayList<>();
        for (ScoredBox b : queryBoxes) {
            if (b.score() >= threshold) {
                kept.add(b);
            }
        }
        return keepRelative(WeightedBoxFusion.fuse(kept, fusionIou), relativeThreshold);
    }

    /**
     * The boxes scoring at least {@code relative} times the best score among them, in their order. The same rule
     * that {@link #apply} ends with, for evaluation code that sweeps it over stored predictions.
     *
     * @throws IllegalArgumentException if {@code relative} lies outside [0,1]
     */
    public static List<ScoredBox> keepRelative(List<ScoredBox> boxes, double relative) {
        InferenceSettings.requireUnit("relative threshold", relative);
        if (relative == 0 || boxes.isEmpty()) {
            return boxes;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (ScoredBox b : boxes) {
            best = Math.max(best, b.score());
        }
        double floor = relative * best;
        List<ScoredBox> out = new ArrayList<>(boxes.size());
        for (ScoredBox b : boxes) {
            if (b.score() >= floor) {
                out.add(b);
            }
        }
        return out;
    }
}

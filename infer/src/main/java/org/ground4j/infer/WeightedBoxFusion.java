package org.ground4j.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;

/**
 * Weighted Boxes Fusion (Solovyev et al. 2021) for a single model: the semantics of
 * {@code ensemble_boxes.weighted_boxes_fusion} with one model, {@code conf_type='avg'} and
 * {@code skip_box_thr=0}. Several queries that found the same region become one box.
 *
 * <p>Boxes are visited by descending score (ties in input order). A box joins the cluster whose current
 * fused box has the highest IoU with it when that IoU is strictly greater than the threshold, else it
 * starts a new cluster. A cluster's box is the score-weighted mean of its members' corners, recomputed
 * after each join; its score is the mean of its members' scores. Zero-area boxes are skipped.
 *
 * <pre>{@code
 * List<ScoredBox> fused = WeightedBoxFusion.fuse(List.of(
 *         new ScoredBox(new Box(0.10, 0.10, 0.30, 0.30), 0.9),
 *         new ScoredBox(new Box(0.12, 0.10, 0.32, 0.30), 0.7)), 0.1);
 * // one box, score 0.8, x1 = (0.9*0.10 + 0.7*0.12) / 1.6
 * }</pre>
 */
public final class WeightedBoxFusion {

    private WeightedBoxFusion() {}

    /**
     * @param boxes        the boxes of one sentence (any order)
     * @param iouThreshold a box joins a cluster when its IoU with the fused box is strictly above this
     * @return fused boxes, sorted by score, descending
     */
    public static List<ScoredBox> fuse(List<ScoredBox> boxes, double iouThreshold) {
        List<ScoredBox> out = new ArrayList<>();
        for (Cluster c : cluster(boxes, iouThreshold)) {
            out.add(c.fused());
        }
        return out;
    }

    /**
     * The same fusion, keeping each cluster's members (in the order they joined).
     *
     * @return clusters sorted by fused score, descending
     */
    public static List<Cluster> cluster(List<ScoredBox> boxes, double iouThreshold) {
        InferenceSettings.requireUnit("fusion IoU", iouThreshold);
        List<ScoredBox> order = new ArrayList<>();
        for (ScoredBox b : boxes) {
            if (!b.box().isEmpty()) {
                order.add(b);
            }
        }
        order.sort(Comparator.comparingDouble(ScoredBox::score).reversed());

        List<Accumulator> clusters = new ArrayList<>();
        for (ScoredBox b : order) {
            Accumulator best = null;
            double bestIou = iouThreshold;
            for (Accumulator c : clusters) {
                double iou = c.fused.iou(b.box());
                if (iou > bestIou) {
                    bestIou = iou;
                    best = c;
                }
            }
            if (best == null) {
                best = new Accumulator();
                clusters.add(best);
            }
            best.add(b);
        }
        List<Cluster> out = new ArrayList<>(clusters.size());
        for (Accumulator c : clusters) {
            out.add(new Cluster(new ScoredBox(c.fused, c.scoreSum / c.members.size()), List.copyOf(c.members)));
        }
        out.sort(Comparator.comparingDouble((Cluster c) -> c.fused().score()).reversed());
        return out;
    }

    /**
     * One fused box and the boxes it was made of.
     *
     * @param fused   score-weighted mean box, mean score
     * @param members the input boxes of this cluster, in the order they joined
     */
    public record Cluster(ScoredBox fused, List<ScoredBox> members) {}

    /** Running score-weighted sums of one cluster. */
    private static final class Accumulator {
        final List<ScoredBox> members = new ArrayList<>();
        double sx1, sy1, sx2, sy2, scoreSum;
        Box fused;

        void add(ScoredBox b) {
            double s = b.score();
            Box box = b.box();
            sx1 += s * box.x1();
            sy1 += s * box.y1();
            sx2 += s * box.x2();
            sy2 += s * box.y2();
            scoreSum += s;
            members.add(b);
            if (members.size() == 1) {
                fused = box; // exact: s * x / s need not round back to x
            } else if (scoreSum > 0) {
                fused = new Box(sx1 / scoreSum, sy1 / scoreSum, sx2 / scoreSum, sy2 / scoreSum);
            } else if (fused == null) {
                fused = box; // all scores zero: the weighted mean is undefined, keep the first member
            }
        }
    }
}

package org.ground4j.train.matching;

import java.util.Arrays;
import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.matching.LinearAssignment;

/**
 * DETR's matcher with a sigmoid confidence (DESIGN.md section 3): per sample, cost
 * {@code w_conf * (-sigmoid(logit)) + w_L1 * L1(cx,cy,w,h) + w_giou * (-GIoU(xyxy))}, solved exactly by
 * {@link LinearAssignment}; Q queries against G targets, G may be 0. Runs on the host, without gradients.
 *
 * <pre>{@code
 * HungarianMatcher m = HungarianMatcher.defaults();        // 1, 5, 2
 * Match match = m.match(logits, boxes, targets);           // one sample
 * }</pre>
 *
 * @param conf weight of the confidence term
 * @param l1   weight of the L1 distance of (cx, cy, w, h)
 * @param giou weight of the negative generalised IoU
 */
public record HungarianMatcher(double conf, double l1, double giou) {

    /** The paper's weights: 1, 5, 2. */
    public static HungarianMatcher defaults() {
        return new HungarianMatcher(1, 5, 2);
    }

    /**
     * @param logits  {@code [Q]} confidence logits of one sample
     * @param boxes   {@code [Q][4]} predicted cx, cy, w, h
     * @param targets gold boxes in the same (model input) normalised frame
     */
    public Match match(float[] logits, float[][] boxes, List<Box> targets) {
        int q = logits.length, g = targets.size();
        if (g == 0) {
            return Match.empty();
        }
        double[][] cost = cost(logits, boxes, targets);
        int[] colOfRow = LinearAssignment.solve(cost);
        int[] queries = new int[Math.min(q, g)], tg = new int[Math.min(q, g)];
        int k = 0;
        for (int i = 0; i < q; i++) {
            if (colOfRow[i] >= 0) {
                queries[k] = i;
                tg[k++] = colOfRow[i];
            }
        }
        return new Match(Arrays.copyOf(queries, k), Arrays.copyOf(tg, k));
    }

    /** The {@code [Q][G]} cost matrix. */
    public double[][] cost(float[] logits, float[][] boxes, List<Box> targets) {
        double[][] cost = new double[logits.length][targets.size()];
        for (int i = 0; i < logits.length; i++) {
            double p = 1 / (1 + Math.exp(-logits[i]));
            Box pred = Box.fromCxCyWh(boxes[i][0], boxes[i][1], Math.max(0, boxes[i][2]), Math.max(0, boxes[i][3]));
            for (int j = 0; j < targets.size(); j++) {
                double[] t = targets.get(j).toCxCyWh();
                double dist = 0;
                for (int c = 0; c < 4; c++) {
                    dist += Math.abs(boxes[i][c] - t[c]);
                }
                cost[i][j] = -conf * p + l1 * dist - giou * pred.giou(targets.get(j));
            }
        }
        return cost;
    }
}

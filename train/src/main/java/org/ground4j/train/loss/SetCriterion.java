package org.ground4j.train.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.geometry.Box;
import org.ground4j.train.matching.Match;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The set loss of DESIGN.md section 3, added to a model's graph: binary cross-entropy on every query's
 * confidence (target 1 when matched, weight {@code eos_coef} when not), L1 and {@code 1 - GIoU} on matched
 * (query, target) pairs, each summed and divided by the number of target boxes in the batch (at least 1),
 * and the same on every decoder layer's output. The matching comes from the host ({@code HungarianMatcher})
 * through placeholders; the criterion never sees the model's internals, only its outputs.
 *
 * <p>Named terms (one scalar each): {@code loss_bce}, {@code loss_l1}, {@code loss_giou} for the last layer,
 * {@code loss_bce_i}, ... for auxiliary layer i, and {@code loss} = the weighted sum over all layers. With a
 * {@code dense} weight above 0 also {@code loss_dense}: binary cross-entropy of the graph's dense token logits
 * ({@code TrainingGraph.DENSE_LOGITS}) against "this image token lies inside a gold box of this sentence",
 * averaged over the unpadded image tokens (it makes the fused tokens look at the lesion).
 *
 * <pre>{@code
 * SetCriterion crit = SetCriterion.attach(graph.sd(), graph.logitNames(), graph.boxNames(), LossWeights.defaults());
 * feed.putAll(crit.targets(matchesPerLayer, targets, queries));
 * Map<String, INDArray> grads = graph.sd().calculateGradients(feed, trainable);
 * }</pre>
 */
public final class SetCriterion {

    /** Name of the total loss variable. */
    public static final String LOSS = "loss";

    private static final String NUM_BOXES = "num_boxes";
    /** Name of the dense term. */
    public static final String DENSE = "loss_dense";

    private static final String DENSE_TARGET = "dense_target", DENSE_MASK = "dense_mask", DENSE_COUNT = "dense_count";
    private static final double EPS = 1e-7;

    private final LossWeights weights;
    private final int layers;
    private final List<String> termNames = new ArrayList<>();

    private SetCriterion(LossWeights weights, int layers) {
        this.weights = weights;
        this.layers = layers;
    }

    /**
     * @param logitNames {@code [N, Q]} logits per decoder layer (last = prediction)
     * @param boxNames   {@code [N, Q, 4]} cx, cy, w, h per decoder layer
     */
    public static SetCriterion attach(SameDiff sd, List<String> logitNames, List<String> boxNames, LossWeights w) {
        SetCriterion c = new SetCriterion(w, logitNames.size());
        SDVariable numBoxes = sd.placeHolder(NUM_BOXES, DataType.FLOAT);
        SDVariable total = null;
        for (int l = 0; l < logitNames.size(); l++) {
            String suffix = l == logitNames.size() - 1 ? "" : "_" + l;
            SDVariable logits = sd.getVariable(logitNames.get(l));
            SDVariable boxes = sd.getVariable(boxNames.get(l));
            SDVariable tgt = sd.placeHolder("target_boxes_" + l, DataType.FLOAT, -1, -1, 4);
            SDVariable mask = sd.placeHolder("target_mask_" + l, DataType.FLOAT, -1, -1);

            SDVariable bceEl = bceWithLogits(sd, logits, mask);
            SDVariable bceW = mask.mul(1 - w.eosCoef()).add(w.eosCoef());
            SDVariable bce =
                    sd.identity("loss_bce" + suffix, bceEl.mul(bceW).sum().div(numBoxes));

            SDVariable l1El = sd.math.abs(boxes.sub(tgt)).sum(2);
            SDVariable l1 = sd.identity("loss_l1" + suffix, l1El.mul(mask).sum().div(numBoxes));

            SDVariable giouEl = giou(sd, boxes, tgt).rsub(1.0);
            SDVariable giou =
                    sd.identity("loss_giou" + suffix, giouEl.mul(mask).sum().div(numBoxes));

            SDVariable layerLoss = bce.mul(w.bce()).add(l1.mul(w.l1())).add(giou.mul(w.giou()));
            total = total == null ? layerLoss : total.add(layerLoss);
            c.termNames.add(bce.name());
            c.termNames.add(l1.name());
            c.termNames.add(giou.name());
        }
        if (w.dense() > 0) {
            SDVariable logits = sd.getVariable(org.ground4j.core.model.TrainingGraph.DENSE_LOGITS);
            if (logits == null) {
                throw new IllegalArgumentException("loss weight dense > 0 needs a graph built with its dense head");
            }
            SDVariable z = sd.placeHolder(DENSE_TARGET, DataType.FLOAT, -1, -1);
            SDVariable valid = sd.placeHolder(DENSE_MASK, DataType.FLOAT, -1, -1);
            SDVariable count = sd.placeHolder(DENSE_COUNT, DataType.FLOAT);
            SDVariable dense = sd.identity(
                    DENSE, bceWithLogits(sd, logits, z).mul(valid).sum().div(count));
            total = total.add(dense.mul(w.dense()));
            c.termNames.add(DENSE);
        }
        SDVariable loss = sd.identity(LOSS, total);
        sd.setLossVariables(loss);
        return c;
    }

    /**
     * Elementwise binary cross-entropy with logits, {@code -[z log s(x) + (1 - z) log s(-x)]}, x clipped to +-30 so
     * that s(x) stays away from 0 in float; smooth everywhere (the max(x,0) + log1p(exp(-|x|)) form has a zero
     * subgradient at 0).
     */
    private static SDVariable bceWithLogits(SameDiff sd, SDVariable logits, SDVariable z) {
        SDVariable x = sd.math.clipByValue(logits, -30, 30);
        return z.mul(sd.math.log(sd.nn.sigmoid(x)))
                .add(z.rsub(1.0).mul(sd.math.log(sd.nn.sigmoid(x.neg()))))
                .neg();
    }

    /** Elementwise GIoU of {@code [N, Q, 4]} cx, cy, w, h boxes: {@code [N, Q]}. */
    private static SDVariable giou(SameDiff sd, SDVariable a, SDVariable b) {
        SDVariable[] pa = corners(a), pb = corners(b);
        SDVariable iw = sd.nn.relu(sd.math.min(pa[2], pb[2]).sub(sd.math.max(pa[0], pb[0])), 0);
        SDVariable ih = sd.nn.relu(sd.math.min(pa[3], pb[3]).sub(sd.math.max(pa[1], pb[1])), 0);
        SDVariable inter = iw.mul(ih);
        SDVariable areaA = pa[2].sub(pa[0]).mul(pa[3].sub(pa[1]));
        SDVariable areaB = pb[2].sub(pb[0]).mul(pb[3].sub(pb[1]));
        SDVariable union = areaA.add(areaB).sub(inter);
        SDVariable iou = inter.div(union.add(EPS));
        SDVariable cw = sd.math.max(pa[2], pb[2]).sub(sd.math.min(pa[0], pb[0]));
        SDVariable ch = sd.math.max(pa[3], pb[3]).sub(sd.math.min(pa[1], pb[1]));
        SDVariable enclosing = cw.mul(ch);
        return iou.sub(enclosing.sub(union).div(enclosing.add(EPS)));
    }

    /** x1, y1, x2, y2 as {@code [N, Q]} each. */
    private static SDVariable[] corners(SDVariable b) {
        SDVariable cx = b.get(SDIndex.all(), SDIndex.all(), SDIndex.point(0));
        SDVariable cy = b.get(SDIndex.all(), SDIndex.all(), SDIndex.point(1));
        SDVariable hw = b.get(SDIndex.all(), SDIndex.all(), SDIndex.point(2)).mul(0.5);
        SDVariable hh = b.get(SDIndex.all(), SDIndex.all(), SDIndex.point(3)).mul(0.5);
        return new SDVariable[] {cx.sub(hw), cy.sub(hh), cx.add(hw), cy.add(hh)};
    }

    /**
     * A batch's real image tokens inside ({@code positives}) and outside ({@code negatives}) the gold boxes of
     * their sentences: what the dense term is normalised by.
     */
    public record DenseCounts(long positives, long negatives) {
        /** No tokens (the start of a sum). */
        public static final DenseCounts NONE = new DenseCounts(0, 0);

        public DenseCounts plus(DenseCounts o) {
            return new DenseCounts(positives + o.positives, negatives + o.negatives);
        }
    }

    /**
     * The dense term's counts of one batch (or part of one).
     *
     * @param imageBias {@code [N, grid*grid]}: 0 for real image tokens, negative for padding (the model's input)
     */
    public static DenseCounts denseCounts(List<List<Box>> targets, int grid, INDArray imageBias) {
        float[] z = cellTargets(targets, grid);
        float[][] bias = imageBias.toFloatMatrix();
        int hw = grid * grid;
        long positives = 0, negatives = 0;
        for (int i = 0; i < z.length; i++) {
            if (bias[i / hw][i % hw] == 0f) {
                if (z[i] == 1f) {
                    positives++;
                } else {
                    negatives++;
                }
            }
        }
        return new DenseCounts(positives, negatives);
    }

    private static float[] cellTargets(List<List<Box>> targets, int grid) {
        int hw = grid * grid;
        float[] z = new float[targets.size() * hw];
        for (int i = 0; i < targets.size(); i++) {
            for (int t : DenseTargets.cells(targets.get(i), grid)) {
                z[i * hw + t] = 1f;
            }
        }
        return z;
    }

    /**
     * Placeholder values of the dense term for a whole batch: see {@link #denseTargets(List, int, INDArray,
     * DenseCounts)} with this batch's own counts.
     */
    public Map<String, INDArray> denseTargets(List<List<Box>> targets, int grid, INDArray imageBias) {
        return denseTargets(targets, grid, imageBias, denseCounts(targets, grid, imageBias));
    }

    /**
     * Placeholder values of the dense term: per sentence, which cells of the {@code grid x grid} token map are
     * inside one of its gold boxes (the cell's centre lies in the box, or the box's centre lies in the cell, so a
     * box smaller than a cell still marks one), and each real image token's weight (letterbox padding weighs 0):
     * {@code 1 / real tokens} for the plain mean, or under {@code dense_balanced} {@code 1 / positives} for positive
     * tokens and {@code 1 / negatives} for negative ones, counted over the whole batch ({@code total}), so that the
     * terms of a batch's parts add up to the whole batch's term.
     *
     * @param imageBias {@code [N, grid*grid]}: 0 for real image tokens, negative for padding (the model's input)
     * @param total     the counts of the whole batch this is a part of
     */
    public Map<String, INDArray> denseTargets(
            List<List<Box>> targets, int grid, INDArray imageBias, DenseCounts total) {
        int n = targets.size(), hw = grid * grid;
        float[] z = cellTargets(targets, grid), valid = new float[n * hw];
        float[][] bias = imageBias.toFloatMatrix();
        float pos = 1f / Math.max(1, total.positives()), neg = 1f / Math.max(1, total.negatives());
        float all = 1f / Math.max(1, total.positives() + total.negatives());
        for (int i = 0; i < n * hw; i++) {
            if (bias[i / hw][i % hw] == 0f) {
                valid[i] = !weights.denseBalanced() ? all : z[i] == 1f ? pos : neg;
            }
        }
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(DENSE_TARGET, Nd4j.create(z, new long[] {n, hw}, 'c'));
        feed.put(DENSE_MASK, Nd4j.create(valid, new long[] {n, hw}, 'c'));
        feed.put(DENSE_COUNT, Nd4j.scalar(DataType.FLOAT, 1f));
        return feed;
    }

    /** Names of every scalar term, in layer order (for logs). */
    public List<String> termNames() {
        return List.copyOf(termNames);
    }

    public LossWeights weights() {
        return weights;
    }

    /**
     * Placeholder values for one batch.
     *
     * @param matches  per decoder layer, per sample: the matching of that layer's predictions
     * @param targets  per sample: gold boxes in the model input's normalised frame
     * @param queries  Q
     */
    public Map<String, INDArray> targets(List<List<Match>> matches, List<List<Box>> targets, int queries) {
        int numBoxes = 0;
        for (List<Box> t : targets) {
            numBoxes += t.size();
        }
        return targets(matches, targets, queries, Math.max(1, numBoxes));
    }

    /**
     * As {@link #targets(List, List, int)} with the normaliser of the set terms given: a data-parallel part
     * divides by the whole batch's box count over the number of parts, as DETR does across processes.
     *
     * @param numBoxes what the bce, L1 and GIoU sums are divided by (positive)
     */
    public Map<String, INDArray> targets(
            List<List<Match>> matches, List<List<Box>> targets, int queries, double numBoxes) {
        if (!(numBoxes > 0)) {
            throw new IllegalArgumentException("the box-count normaliser must be positive, got " + numBoxes);
        }
        if (matches.size() != layers) {
            throw new IllegalArgumentException(
                    "criterion has " + layers + " layers, got matches for " + matches.size());
        }
        int n = targets.size();
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(NUM_BOXES, Nd4j.scalar(DataType.FLOAT, (float) numBoxes));
        for (int l = 0; l < layers; l++) {
            float[] boxes = new float[n * queries * 4];
            float[] mask = new float[n * queries];
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < queries; q++) {
                    int o = (i * queries + q) * 4; // a harmless box where nothing is matched: masked out, but finite
                    boxes[o] = 0.5f;
                    boxes[o + 1] = 0.5f;
                    boxes[o + 2] = 0.1f;
                    boxes[o + 3] = 0.1f;
                }
                Match m = matches.get(l).get(i);
                for (int k = 0; k < m.size(); k++) {
                    double[] t = targets.get(i).get(m.targets()[k]).toCxCyWh();
                    int o = (i * queries + m.queries()[k]) * 4;
                    for (int c = 0; c < 4; c++) {
                        boxes[o + c] = (float) t[c];
                    }
                    mask[i * queries + m.queries()[k]] = 1f;
                }
            }
            feed.put("target_boxes_" + l, Nd4j.create(boxes, new long[] {n, queries, 4}, 'c'));
            feed.put("target_mask_" + l, Nd4j.create(mask, new long[] {n, queries}, 'c'));
        }
        return feed;
    }
}

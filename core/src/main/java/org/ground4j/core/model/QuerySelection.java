package org.ground4j.core.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.transforms.custom.TopK;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two-stage query selection (Efficient DETR, DINO's query selection without encoder box proposals): a dense head
 * ({@code dense_embed}, one logit per fused image token: "this token lies inside a box of the sentence", trained
 * by the criterion's dense term) scores the image tokens, and the {@code Q} best real tokens become the decoder's
 * queries: their fused features are the queries' initial content, their sine positions the queries' positions,
 * and their cells the reference boxes that the box head refines ({@link Heads#boxes(Nn, SDVariable, int,
 * SDVariable)}). Learned DETR queries start from nowhere and need long schedules to find the image; selected
 * queries start on the tokens the sentence points at, so the boxes follow the token map.
 *
 * <p>The selection is a top-k (not differentiable, and not meant to be: the dense term trains the scores) and a
 * one-hot product (differentiable in the selected features), inside the graph, so training and inference select
 * alike.
 */
final class QuerySelection {

    /** Weight prefix of the dense token head. */
    static final String DENSE_EMBED = "dense_embed";
    /** Side of every reference box, as a fraction of the model input (Deformable DETR's 0.05 per stride-8 level). */
    static final double ANCHOR_SIZE = 0.1;

    /**
     * The decoder's starting point.
     *
     * @param content   {@code [N, Q, d]} the selected fused tokens
     * @param position  {@code [N, Q, d]} their sine positions
     * @param reference {@code [N, Q, 4]} inverse sigmoid of their cells' (cx, cy, {@link #ANCHOR_SIZE},
     *                  {@link #ANCHOR_SIZE})
     */
    record Selected(SDVariable content, SDVariable position, SDVariable reference) {}

    private QuerySelection() {}

    /**
     * @param memory  {@code [N, S, d]} the fused memory, image tokens first
     * @param pos     {@code [N, HW, d]} the image tokens' sine positions
     * @param imgBias {@code [N, HW]} 0 for real image tokens, {@link Nn#MASKED} for letterbox padding (never selected)
     */
    static Selected build(Nn nn, SDVariable memory, SDVariable pos, SDVariable imgBias, ModelConfig cfg) {
        SameDiff sd = nn.sd();
        int hw = cfg.imageTokens(), q = cfg.transformer().queries();
        SDVariable img = imageTokens(memory, hw); // [N, HW, d]
        SDVariable logits = denseLogits(nn, memory, cfg);
        SDVariable index = topK(sd, logits.add(imgBias), q); // [N, Q]
        SDVariable oneHot = sd.oneHot(index, hw, -1, 1.0, 0.0, DataType.FLOAT); // [N, Q, HW]
        SDVariable content = sd.mmul(oneHot, img);
        SDVariable position = sd.mmul(oneHot, pos);
        SDVariable anchors =
                sd.constant("query_anchors", Nd4j.create(anchors(cfg.featureSide()), new long[] {hw, 4}, 'c'));
        SDVariable reference = sd.reshape(sd.mmul(sd.reshape(oneHot, -1, hw), anchors), -1, q, 4);
        return new Selected(content, position, reference);
    }

    /**
     * The dense head over the fused memory's image tokens: {@code [N, HW]} logits named
     * {@link TrainingGraph#DENSE_LOGITS}, what the criterion's dense term trains.
     */
    static SDVariable denseLogits(Nn nn, SDVariable memory, ModelConfig cfg) {
        int hw = cfg.imageTokens();
        SDVariable logits = nn.linear(
                imageTokens(memory, hw), DENSE_EMBED, cfg.transformer().d(), 1);
        return nn.sd().reshape(TrainingGraph.DENSE_LOGITS, logits, -1, hw);
    }

    private static SDVariable imageTokens(SDVariable memory, int hw) {
        return memory.get(SDIndex.all(), SDIndex.interval(0, hw), SDIndex.all());
    }

    /**
     * Inverse-sigmoid reference boxes of a {@code side x side} token grid, row-major as the tokens are:
     * {@code (logit(cx), logit(cy), logit(size), logit(size))} with each cell's centre.
     */
    static float[] anchors(int side) {
        float[] a = new float[side * side * 4];
        double size = logit(ANCHOR_SIZE);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 4;
                a[i] = (float) logit((x + 0.5) / side);
                a[i + 1] = (float) logit((y + 0.5) / side);
                a[i + 2] = (float) size;
                a[i + 3] = (float) size;
            }
        }
        return a;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Indices of the {@code k} largest values along the last axis, in descending order of value. */
    private static SDVariable topK(SameDiff sd, SDVariable x, int k) {
        return new SortedTopK(sd, x, k).outputVariables()[1];
    }

    /**
     * libnd4j's {@code top_k} reads k from its first integer argument and "sorted" from its first boolean one;
     * {@link TopK}'s constructors of 1.0.0-M2.1 put "sorted" first (so {@code k} was always 1 there): this sets
     * the arguments the way the native op reads them.
     */
    private static final class SortedTopK extends TopK {
        SortedTopK(SameDiff sd, SDVariable x, int k) {
            super(sd, x, k, true);
            iArguments.clear();
            iArguments.add((long) k);
            addBArgument(true);
        }
    }
}

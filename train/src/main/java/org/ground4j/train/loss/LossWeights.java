package org.ground4j.train.loss;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Weights of the set criterion's named terms (DESIGN.md section 3).
 *
 * @param bce     binary cross-entropy on every query's confidence
 * @param l1      L1 distance of matched (cx, cy, w, h)
 * @param giou    {@code 1 - GIoU} of matched boxes
 * @param eosCoef weight of an unmatched query's BCE (DETR's eos_coef)
 * @param dense   weight of the dense auxiliary loss on the fused image tokens ("this token lies inside a gold box
 *                of this sentence"; it makes the fused tokens look at the lesion); 0 builds no dense head;
 *                {@link #defaults()} uses 1 (the {@code cpu} preset's query selection needs a dense term)
 * @param denseBalanced whether the dense term is the mean over the batch's positive tokens plus the mean over its
 *                negative ones (true in {@link #defaults()}); false gives the mean over all real tokens, where a
 *                lesion's few cells weigh next to nothing against the thousands of background tokens (what the
 *                shorter constructors build)
 */
public record LossWeights(
        @JsonProperty("bce") double bce,
        @JsonProperty("l1") double l1,
        @JsonProperty("giou") double giou,
        @JsonProperty("eos_coef") double eosCoef,
        @JsonProperty("dense") double dense,
        @JsonProperty("dense_balanced") boolean denseBalanced) {

    /** @throws IllegalArgumentException on a negative weight */
    public LossWeights {
        if (bce < 0 || l1 < 0 || giou < 0 || eosCoef < 0 || dense < 0) {
            throw new IllegalArgumentException("loss weights must be >= 0, got bce " + bce + ", l1 " + l1 + ", giou "
                    + giou + ", eos_coef " + eosCoef + ", dense " + dense);
        }
    }

    /** The dense term, if any, as the mean over all real tokens. */
    public LossWeights(double bce, double l1, double giou, double eosCoef, double dense) {
        this(bce, l1, giou, eosCoef, dense, false);
    }

    /** The set loss alone, without the dense term. */
    public LossWeights(double bce, double l1, double giou, double eosCoef) {
        this(bce, l1, giou, eosCoef, 0);
    }

    /**
     * What the learning proof's ablation (docs/training.md) shows best for the CPU configuration: bce 1, L1 5,
     * GIoU 2, unmatched queries weighted 0.5 (DETR: 0.1; 0.5 removed most confident boxes on lesion-like things the
     * sentence does not describe) and the balanced dense term at 1 (the {@code cpu} preset's query selection needs a
     * dense term; the balanced form tightened the boxes).
     */
    public static LossWeights defaults() {
        return new LossWeights(1, 5, 2, 0.5, 1, true);
    }

    /** DETR's set loss: 1, 5, 2 and eos_coef 0.1; no dense term. */
    public static LossWeights detr() {
        return new LossWeights(1, 5, 2, 0.1, 0);
    }
}

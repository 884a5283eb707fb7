package org.ground4j.core.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * DETR's prediction heads, shared by every decoder layer: a 3-layer ReLU MLP to (cx, cy, w, h) through a
 * sigmoid ({@code bbox_embed.layers.{0,1,2}}), and one confidence logit per query ({@code class_embed}):
 * "is this query a region of the sentence".
 */
public final class Heads {

    private Heads() {}

    /** @return {@code [N, Q]} confidence logits for one decoder layer's output {@code h: [N, Q, d]} */
    static SDVariable confidence(Nn nn, SDVariable h, int d) {
        return nn.sd().squeeze(nn.linear(h, "class_embed", d, 1), 2);
    }

    /** @return {@code [N, Q, 4]} cx, cy, w, h in [0,1] of the padded model input */
    static SDVariable boxes(Nn nn, SDVariable h, int d) {
        return boxes(nn, h, d, null);
    }

    /**
     * @param reference {@code [N, Q, 4]} inverse-sigmoid reference boxes that the MLP's output is added to before
     *                  the sigmoid (Deformable DETR's refinement, under query selection), or null for none
     */
    static SDVariable boxes(Nn nn, SDVariable h, int d, SDVariable reference) {
        SDVariable x = nn.sd().nn.relu(nn.linear(h, "bbox_embed.layers.0", d, d), 0);
        x = nn.sd().nn.relu(nn.linear(x, "bbox_embed.layers.1", d, d), 0);
        SDVariable raw = nn.linear(x, "bbox_embed.layers.2", d, 4);
        return nn.sd().nn.sigmoid(reference == null ? raw : raw.add(reference));
    }
}

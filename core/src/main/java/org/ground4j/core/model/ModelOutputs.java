package org.ground4j.core.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Raw outputs of the network for a batch of (image, sentence) pairs, one entry per decoder layer
 * (the last is the prediction, the others DETR's auxiliary outputs).
 *
 * @param logits {@code [N, Q]} confidence logits per layer
 * @param boxes  {@code [N, Q, 4]} cx, cy, w, h in [0,1] of the padded model input, per layer
 */
public record ModelOutputs(List<INDArray> logits, List<INDArray> boxes) {

    /** Last layer's logits {@code [N, Q]}. */
    public INDArray predLogits() {
        return logits.get(logits.size() - 1);
    }

    /** Last layer's boxes {@code [N, Q, 4]}. */
    public INDArray predBoxes() {
        return boxes.get(boxes.size() - 1);
    }
}

package org.ground4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.Letterbox;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * From raw query outputs of one sentence to its boxes on the original image: confidence = sigmoid(logit),
 * (cx, cy, w, h) of the padded square -> corners -> original-image normalised coordinates through the
 * letterbox, clamped to [0,1], then the {@link PostProcessor} (threshold, weighted box fusion).
 *
 * <pre>{@code
 * List<ScoredBox> boxes = QueryDecoder.decode(out.predLogits(), out.predBoxes(), sentence, letterbox, post);
 * }</pre>
 */
public final class QueryDecoder {

    private QueryDecoder() {
    }

    /**
     * @param logits   {@code [N, Q]} confidence logits
     * @param boxes    {@code [N, Q, 4]} cx, cy, w, h in [0,1] of the model input
     * @param sentence row of the batch
     */
    public static List<ScoredBox> decode(INDArray logits, INDArray boxes, int sentence, Letterbox letterbox,
            PostProcessor post) {
        return post.apply(queries(logits, boxes, sentence, letterbox));
    }

    /** Every query's box and confidence in original-image coordinates, before threshold and fusion. */
    public static List<ScoredBox> queries(INDArray logits, INDArray boxes, int sentence, Letterbox letterbox) {
        int q = (int) logits.size(1);
        List<ScoredBox> out = new ArrayList<>(q);
        for (int j = 0; j < q; j++) {
            double score = 1 / (1 + Math.exp(-logits.getDouble(sentence, j)));
            double cx = boxes.getDouble(sentence, j, 0), cy = boxes.getDouble(sentence, j, 1);
            double w = Math.max(0, boxes.getDouble(sentence, j, 2)), h = Math.max(0, boxes.getDouble(sentence, j, 3));
            Box model = Box.fromCxCyWh(cx, cy, w, h);
            out.add(new ScoredBox(letterbox.toOriginal(model).clamp(), score));
        }
        return out;
    }
}

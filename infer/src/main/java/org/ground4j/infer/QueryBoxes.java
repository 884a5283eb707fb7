package org.ground4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ModelOutputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model's raw query outputs as boxes, and boxes of the model's padded square input as boxes of the original
 * image (DESIGN.md section 4: the mapping is the last step, after threshold and fusion).
 */
final class QueryBoxes {

    private QueryBoxes() {}

    /**
     * Every query of every sentence, from the last decoder layer.
     *
     * @return per sentence, Q boxes in corner coordinates of the padded model input with confidence
     *         {@code sigmoid(logit)}
     */
    static List<List<ScoredBox>> of(ModelOutputs out) {
        INDArray logits = out.predLogits(); // [N, Q]
        INDArray boxes = out.predBoxes(); // [N, Q, 4] cx, cy, w, h in [0,1]
        int n = (int) logits.size(0), q = (int) logits.size(1);
        float[] l = logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] b = boxes.castTo(DataType.FLOAT).dup('c').data().asFloat();
        List<List<ScoredBox>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<ScoredBox> sentence = new ArrayList<>(q);
            for (int k = 0; k < q; k++) {
                int o = (i * q + k) * 4;
                Box box = Box.fromCxCyWh(b[o], b[o + 1], b[o + 2], b[o + 3]);
                sentence.add(new ScoredBox(box, sigmoid(l[i * q + k])));
            }
            all.add(sentence);
        }
        return all;
    }

    /**
     * A box of the padded model input in normalised coordinates of the original image, clamped to [0,1].
     *
     * @return the mapped box, or {@code null} when nothing of it lies on the image (it covers only padding)
     */
    static ScoredBox toOriginal(ScoredBox model, Letterbox letterbox) {
        Box original = letterbox.toOriginal(model.box()).clamp();
        return original.isEmpty() ? null : new ScoredBox(original, model.score());
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}

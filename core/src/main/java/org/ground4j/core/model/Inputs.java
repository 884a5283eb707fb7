package org.ground4j.core.model;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Host-side tensors fed to the grounding graph: sine positions, padding biases, token arrays. */
final class Inputs {

    private Inputs() {}

    /**
     * Per sentence: {@code image_select [N, Nimg]} (one-hot), {@code image_pos [N, HW, d]} and
     * {@code image_bias [N, HW]} from its image's content size.
     */
    static Map<String, INDArray> images(ModelConfig cfg, ImageBatch images, int[] imageIndex) {
        int n = imageIndex.length,
                side = cfg.featureSide(),
                hw = cfg.imageTokens(),
                d = cfg.transformer().d();
        float[] pos = new float[n * hw * d];
        float[] bias = new float[n * hw];
        float[] select = new float[n * images.size()];
        for (int i = 0; i < n; i++) {
            int img = imageIndex[i];
            if (img < 0 || img >= images.size()) {
                throw new IllegalArgumentException(
                        "sentence " + i + " refers to image " + img + " of " + images.size());
            }
            select[i * images.size() + img] = 1f;
            boolean[][] mask = PositionEncoding.featureMask(
                    side, cfg.backbone().stride(), images.contentHeights()[img], images.contentWidths()[img]);
            System.arraycopy(PositionEncoding.sine(mask, d), 0, pos, i * hw * d, hw * d);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    bias[i * hw + r * side + c] = mask[r][c] ? (float) Nn.MASKED : 0f;
                }
            }
        }
        return Map.of(
                GrounderModel.IMAGE_POS,
                Nd4j.create(pos, new long[] {n, hw, d}, 'c'),
                GrounderModel.IMAGE_BIAS,
                Nd4j.create(bias, new long[] {n, hw}, 'c'),
                GrounderModel.IMAGE_SELECT,
                Nd4j.create(select, new long[] {n, images.size()}, 'c'));
    }

    /** {@code input_ids [N, T]}, {@code position_ids [T]}, {@code text_mask [N, T]}. */
    static Map<String, INDArray> text(TokenBatch text) {
        int n = text.size(), t = text.length();
        int[] ids = new int[n * t];
        float[] mask = new float[n * t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                ids[i * t + j] = text.ids()[i][j];
                mask[i * t + j] = text.attentionMask()[i][j];
            }
        }
        int[] positions = new int[t];
        for (int j = 0; j < t; j++) {
            positions[j] = j;
        }
        return Map.of(
                GrounderModel.INPUT_IDS,
                Nd4j.createFromArray(ids).reshape(n, t),
                GrounderModel.POSITION_IDS,
                Nd4j.createFromArray(positions),
                GrounderModel.TEXT_MASK,
                Nd4j.create(mask, new long[] {n, t}, 'c').castTo(DataType.FLOAT));
    }
}

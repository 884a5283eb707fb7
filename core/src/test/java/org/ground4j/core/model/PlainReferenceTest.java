package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff builders against the same computation written as loops over plain Java arrays. */
class PlainReferenceTest {

    @Test
    void bottleneckTrunkEqualsPlainJavaLoops() {
        StateDict w = Fixtures.load("resnet/resnet50_w4.safetensors");
        INDArray input =
                Fixtures.load("resnet/resnet50_w4_io.safetensors").asMap().get("input");
        BackboneConfig cfg = new BackboneConfig(50, 4, 2, 1e-5); // stem, layer1, layer2: 7 bottlenecks
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 3, 64, 48);
        INDArray ours = sd.outputSingle(
                Map.of("image", input),
                Backbone.build(sd, "b", x, cfg, w, false).name());
        double worst = 0;
        for (int n = 0; n < 2; n++) {
            double[][][] img = new double[3][64][48];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 64; i++) {
                    for (int j = 0; j < 48; j++) {
                        img[c][i][j] = input.getDouble(n, c, i, j);
                    }
                }
            }
            double[][][] ref = PlainReference.resnetBottleneckTrunk(img, w, new int[] {3, 4});
            assertThat(ours.size(1)).isEqualTo(ref.length);
            for (int c = 0; c < ref.length; c++) {
                for (int i = 0; i < ref[0].length; i++) {
                    for (int j = 0; j < ref[0][0].length; j++) {
                        worst = Math.max(worst, Math.abs(ours.getDouble(n, c, i, j) - ref[c][i][j]));
                    }
                }
            }
        }
        assertThat(worst).isLessThan(1e-4);
    }

    @Test
    void oneBertLayerEqualsPlainJavaLoops() {
        StateDict hf = Fixtures.load("bert/weights.safetensors");
        StateDict io = Fixtures.load("bert/io.safetensors");
        INDArray ids = io.asMap().get("input_ids"), mask = io.asMap().get("attention_mask");
        TextEncoderConfig c = new TextEncoderConfig(120, 32, 1, 4, 64, 64, 2, 1e-12); // layer 0 only
        SameDiff sd = SameDiff.create();
        SDVariable idv = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable pos = sd.placeHolder("pos", DataType.INT, -1);
        SDVariable mv = sd.placeHolder("mask", DataType.FLOAT, -1, -1);
        SDVariable out = TextEncoder.bert(
                new Nn(sd, new StateDict().putAll(TextEncoder.PREFIX, hf), false), idv, pos, mv, c, 0.0);
        INDArray ours = sd.outputSingle(
                Map.of(
                        "ids",
                        ids.castTo(DataType.INT),
                        "pos",
                        Nd4j.arange(9).castTo(DataType.INT),
                        "mask",
                        mask.castTo(DataType.FLOAT)),
                out.name());
        double worst = 0;
        for (int n = 0; n < 2; n++) {
            long[] id = ids.getRow(n).toLongVector(), m = mask.getRow(n).toLongVector();
            double[][] ref = PlainReference.bertOneLayer(hf, id, m, 4);
            for (int t = 0; t < 9; t++) {
                if (m[t] == 0) {
                    continue; // padded positions: their values are never read downstream
                }
                for (int k = 0; k < 32; k++) {
                    worst = Math.max(worst, Math.abs(ours.getDouble(n, t, k) - ref[t][k]));
                }
            }
        }
        assertThat(worst).isLessThan(1e-4);
        // and the plain loops agree with HuggingFace itself after one layer
        double hfWorst = 0;
        INDArray hidden1 = io.asMap().get("hidden_states.1");
        double[][] ref0 = PlainReference.bertOneLayer(
                hf, ids.getRow(0).toLongVector(), mask.getRow(0).toLongVector(), 4);
        for (int t = 0; t < 9; t++) {
            for (int k = 0; k < 32; k++) {
                hfWorst = Math.max(hfWorst, Math.abs(hidden1.getDouble(0, t, k) - ref0[t][k]));
            }
        }
        assertThat(hfWorst).isLessThan(1e-4);
    }
}

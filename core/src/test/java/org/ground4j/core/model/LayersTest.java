package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Text encoder, transformer layers and positions against PyTorch / HF references (tools/fixtures). */
class LayersTest {

    private static INDArray keyBias(INDArray paddingMask) {
        // [B, S] (1 = padded) -> [B, 1, 1, S] additive bias
        INDArray m = paddingMask.castTo(DataType.FLOAT).mul(Nn.MASKED);
        return m.reshape(m.size(0), 1, 1, m.size(1));
    }

    @Test
    void bertMatchesHuggingFaceBertModel() {
        StateDict w = new StateDict().putAll(TextEncoder.PREFIX, Fixtures.load("bert/weights.safetensors"));
        StateDict io = Fixtures.load("bert/io.safetensors");
        TextEncoderConfig c = new TextEncoderConfig(120, 32, 2, 4, 64, 64, 2, 1e-12);
        SameDiff sd = SameDiff.create();
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable posIds = sd.placeHolder("pos", DataType.INT, -1);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, -1);
        SDVariable out = TextEncoder.bert(new Nn(sd, w, false), ids, posIds, mask, c, 0.0);
        INDArray idArr = io.asMap().get("input_ids").castTo(DataType.INT);
        INDArray got = sd.outputSingle(
                Map.of(
                        "ids",
                        idArr,
                        "pos",
                        Nd4j.arange(9).castTo(DataType.INT),
                        "mask",
                        io.asMap().get("attention_mask").castTo(DataType.FLOAT)),
                out.name());
        assertThat(Fixtures.maxAbsDiff(got, io.asMap().get("last_hidden_state")))
                .isLessThan(1e-4);
    }

    @Test
    void encoderLayerMatchesDetr() {
        StateDict w = new StateDict().putAll("enc", Fixtures.load("transformer/encoder_layer.safetensors"));
        StateDict io = Fixtures.load("transformer/encoder_layer_io.safetensors");
        SameDiff sd = SameDiff.create();
        SDVariable src = sd.placeHolder("src", DataType.FLOAT, -1, -1, 16);
        SDVariable pos = sd.placeHolder("pos", DataType.FLOAT, -1, -1, 16);
        SDVariable bias = sd.placeHolder("bias", DataType.FLOAT, -1, 1, 1, -1);
        TransformerConfig c = new TransformerConfig(16, 2, 1, 1, 32, 0.0, 4);
        SDVariable out = FusionTransformer.encoderLayer(new Nn(sd, w, false), src, pos, bias, "enc.", c);
        INDArray got = sd.outputSingle(
                Map.of(
                        "src",
                        io.asMap().get("src"),
                        "pos",
                        io.asMap().get("pos"),
                        "bias",
                        keyBias(io.asMap().get("key_padding_mask"))),
                out.name());
        assertThat(Fixtures.maxAbsDiff(got, io.asMap().get("output"))).isLessThan(1e-5);
    }

    @Test
    void decoderLayerMatchesDetr() {
        StateDict w = new StateDict().putAll("dec", Fixtures.load("transformer/decoder_layer.safetensors"));
        StateDict io = Fixtures.load("transformer/decoder_layer_io.safetensors");
        SameDiff sd = SameDiff.create();
        SDVariable tgt = sd.placeHolder("tgt", DataType.FLOAT, -1, -1, 16);
        SDVariable qpos = sd.placeHolder("qpos", DataType.FLOAT, -1, -1, 16);
        SDVariable mem = sd.placeHolder("mem", DataType.FLOAT, -1, -1, 16);
        SDVariable pos = sd.placeHolder("pos", DataType.FLOAT, -1, -1, 16);
        SDVariable bias = sd.placeHolder("bias", DataType.FLOAT, -1, 1, 1, -1);
        TransformerConfig c = new TransformerConfig(16, 2, 1, 1, 32, 0.0, 4);
        SDVariable out =
                FusionTransformer.decoderLayer(new Nn(sd, w, false), tgt, qpos, mem, mem.add(pos), bias, "dec.", c);
        Map<String, INDArray> t = io.asMap();
        INDArray got = sd.outputSingle(
                Map.of(
                        "tgt",
                        t.get("tgt"),
                        "qpos",
                        t.get("query_pos"),
                        "mem",
                        t.get("memory"),
                        "pos",
                        t.get("pos"),
                        "bias",
                        keyBias(t.get("memory_key_padding_mask"))),
                out.name());
        assertThat(Fixtures.maxAbsDiff(got, t.get("output"))).isLessThan(1e-5);
    }

    @Test
    void sinePositionsMatchDetr() {
        StateDict io = Fixtures.load("position/position.safetensors");
        INDArray mask = io.asMap().get("mask");
        INDArray expected = io.asMap().get("pos"); // [B, 32, H, W]
        for (int b = 0; b < 2; b++) {
            boolean[][] m = new boolean[5][7];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    m[i][j] = mask.getLong(b, i, j) != 0;
                }
            }
            float[] got = PositionEncoding.sine(m, 32);
            double worst = 0;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    for (int k = 0; k < 32; k++) {
                        worst = Math.max(worst, Math.abs(got[(i * 7 + j) * 32 + k] - expected.getDouble(b, k, i, j)));
                    }
                }
            }
            assertThat(worst).as("sample %d", b).isLessThan(1e-5);
        }
    }
}

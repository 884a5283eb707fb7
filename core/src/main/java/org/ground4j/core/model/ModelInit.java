package org.ground4j.core.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fresh weights for a whole model, deterministic in the seed and independent of ND4J's random generator:
 * torchvision's initialisation for the backbone, BERT's (normal 0.02, LayerNorm 1/0) for the text encoder,
 * DETR's (Xavier-uniform matrices, zero biases) for the transformer and heads. The confidence bias starts at
 * {@code -log(9)} (prior 0.1) so that early training is not swamped by the many unmatched queries.
 */
public final class ModelInit {

    private ModelInit() {}

    /** Every tensor {@link GrounderModel} needs, with full names ({@code backbone.conv1.weight}, ...). */
    public static StateDict init(ModelConfig cfg, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        StateDict w = new StateDict();
        w.putAll("backbone", Backbone.init(cfg.backbone(), root.nextLong()));
        SplittableRandom rnd = root.split();
        int d = cfg.transformer().d();
        w.put(
                "input_proj.weight",
                xavier(rnd, d, cfg.backbone().outChannels())
                        .reshape(d, cfg.backbone().outChannels(), 1, 1));
        w.put("input_proj.bias", zeros(d));
        text(w, cfg.text(), d, rnd);
        TransformerConfig t = cfg.transformer();
        for (int i = 0; i < t.encoderLayers(); i++) {
            String p = "transformer.encoder.layers." + i + ".";
            attention(w, p + "self_attn", d, rnd);
            feedForward(w, p, t, rnd);
            norm(w, p + "norm1", d);
            norm(w, p + "norm2", d);
        }
        for (int i = 0; i < t.decoderLayers(); i++) {
            String p = "transformer.decoder.layers." + i + ".";
            attention(w, p + "self_attn", d, rnd);
            attention(w, p + "multihead_attn", d, rnd);
            feedForward(w, p, t, rnd);
            norm(w, p + "norm1", d);
            norm(w, p + "norm2", d);
            norm(w, p + "norm3", d);
        }
        norm(w, "transformer.decoder.norm", d);
        if (t.querySelection()) {
            // random scores at first, so the first selections spread over the image; the bias is the dense term's
            // prior of ~12 % positive tokens, as RetinaNet starts its classifier
            linear(w, QuerySelection.DENSE_EMBED, 1, d, rnd);
            w.put(QuerySelection.DENSE_EMBED + ".bias", Nd4j.valueArrayOf(new long[] {1}, -2.0f));
        } else {
            w.put("query_embed.weight", normal(rnd, 1.0, t.queries(), d));
        }
        linear(w, "bbox_embed.layers.0", d, d, rnd);
        linear(w, "bbox_embed.layers.1", d, d, rnd);
        linear(w, "bbox_embed.layers.2", 4, d, rnd);
        linear(w, "class_embed", 1, d, rnd);
        w.put("class_embed.bias", Nd4j.valueArrayOf(new long[] {1}, (float) -Math.log(9), DataType.FLOAT));
        if (cfg.passthrough() > 0) { // drawn last: a passthrough leaves every other initial weight as it was
            int c = cfg.passthroughChannels();
            w.put(GrounderModel.PASSTHROUGH_PROJ + ".weight", xavier(rnd, d, c).reshape(d, c, 1, 1));
            w.put(GrounderModel.PASSTHROUGH_PROJ + ".bias", zeros(d));
        }
        return w;
    }

    private static void text(StateDict w, TextEncoderConfig c, int d, SplittableRandom rnd) {
        String e = TextEncoder.PREFIX + ".embeddings.";
        int h = c.hidden();
        w.put(e + "word_embeddings.weight", normal(rnd, 0.02, c.vocabSize(), h));
        w.put(e + "position_embeddings.weight", normal(rnd, 0.02, c.maxPositions(), h));
        w.put(e + "token_type_embeddings.weight", normal(rnd, 0.02, c.typeVocab(), h));
        norm(w, e + "LayerNorm", h);
        for (int i = 0; i < c.layers(); i++) {
            String p = TextEncoder.PREFIX + ".encoder.layer." + i + ".";
            for (String n : new String[] {
                "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"
            }) {
                w.put(p + n + ".weight", normal(rnd, 0.02, h, h));
                w.put(p + n + ".bias", zeros(h));
            }
            norm(w, p + "attention.output.LayerNorm", h);
            w.put(p + "intermediate.dense.weight", normal(rnd, 0.02, c.intermediate(), h));
            w.put(p + "intermediate.dense.bias", zeros(c.intermediate()));
            w.put(p + "output.dense.weight", normal(rnd, 0.02, h, c.intermediate()));
            w.put(p + "output.dense.bias", zeros(h));
            norm(w, p + "output.LayerNorm", h);
        }
        linear(w, TextEncoder.RESIZER + ".fc", d, h, rnd);
        norm(w, TextEncoder.RESIZER + ".layer_norm", d);
    }

    private static void attention(StateDict w, String p, int d, SplittableRandom rnd) {
        w.put(p + ".in_proj_weight", xavier(rnd, 3 * d, d));
        w.put(p + ".in_proj_bias", zeros(3 * d));
        w.put(p + ".out_proj.weight", xavier(rnd, d, d));
        w.put(p + ".out_proj.bias", zeros(d));
    }

    private static void feedForward(StateDict w, String p, TransformerConfig t, SplittableRandom rnd) {
        linear(w, p + "linear1", t.feedForward(), t.d(), rnd);
        linear(w, p + "linear2", t.d(), t.feedForward(), rnd);
    }

    private static void linear(StateDict w, String name, int out, int in, SplittableRandom rnd) {
        w.put(name + ".weight", xavier(rnd, out, in));
        w.put(name + ".bias", zeros(out));
    }

    private static void norm(StateDict w, String name, int d) {
        w.put(name + ".weight", Nd4j.ones(DataType.FLOAT, d));
        w.put(name + ".bias", zeros(d));
    }

    private static INDArray zeros(int n) {
        return Nd4j.zeros(DataType.FLOAT, n);
    }

    private static INDArray xavier(SplittableRandom rnd, int out, int in) {
        double a = Math.sqrt(6.0 / (in + out));
        float[] v = new float[out * in];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * a);
        }
        return Nd4j.create(v, new long[] {out, in}, 'c');
    }

    private static INDArray normal(SplittableRandom rnd, double std, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Gaussian.next(rnd) * std);
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }
}

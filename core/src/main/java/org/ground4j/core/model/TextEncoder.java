package org.ground4j.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The BERT-style text encoder and MDETR's {@code FeatureResizer} (linear, LayerNorm, dropout) that brings
 * its output to the fusion width d. Weight names follow HuggingFace {@code BertModel} under
 * {@code text_encoder.} ({@code text_encoder.encoder.layer.0.attention.self.query.weight}) and MDETR under
 * {@code resizer.} ({@code resizer.fc.weight}, {@code resizer.layer_norm.weight}).
 */
public final class TextEncoder {

    static final String PREFIX = "text_encoder";
    static final String RESIZER = "resizer";
    /** The embeddings' output {@code [N, T, hidden]}: the first layer's input. */
    public static final String EMBEDDINGS = PREFIX + ".embeddings";

    /** The name of layer {@code i}'s output {@code [N, T, hidden]} (also its weights' prefix). */
    public static String layerOutput(int i) {
        return PREFIX + ".encoder.layer." + i;
    }

    private TextEncoder() {}

    /**
     * @param ids         {@code [N, T]} token ids (INT32)
     * @param positionIds {@code [T]} 0..T-1 (INT32)
     * @param textMask    {@code [N, T]} 1 for real tokens, 0 for padding (FLOAT)
     * @return {@code [N, T, d]} text tokens for the fusion encoder
     */
    static SDVariable build(
            Nn nn,
            SDVariable ids,
            SDVariable positionIds,
            SDVariable textMask,
            TextEncoderConfig c,
            int d,
            double dropout) {
        SDVariable x = bert(nn, ids, positionIds, textMask, c, dropout);
        SDVariable y = nn.linear(x, RESIZER + ".fc", c.hidden(), d);
        y = nn.layerNorm(y, RESIZER + ".layer_norm", d, 1e-12);
        return nn.dropout(y, dropout);
    }

    /** The BERT encoder alone: {@code [N, T, hidden]} (HF's {@code last_hidden_state}). */
    static SDVariable bert(
            Nn nn, SDVariable ids, SDVariable positionIds, SDVariable textMask, TextEncoderConfig c, double dropout) {
        var sd = nn.sd();
        String e = PREFIX + ".embeddings.";
        // embedding lookups as one-hot products: SameDiff 1.0.0-M2.1 cannot differentiate gather more than once
        // per graph (its gradient builds a loop body under a fixed name), and the product costs little next to the
        // image encoder
        SDVariable words = nn.embed(
                ids, nn.param(e + "word_embeddings.weight", c.vocabSize(), c.hidden()), c.vocabSize(), c.hidden());
        SDVariable pos = sd.oneHot(positionIds, c.maxPositions(), -1, 1.0, 0.0, DataType.FLOAT)
                .mmul(nn.param(e + "position_embeddings.weight", c.maxPositions(), c.hidden()));
        SDVariable type0 = nn.param(e + "token_type_embeddings.weight", c.typeVocab(), c.hidden())
                .get(org.nd4j.autodiff.samediff.SDIndex.point(0));
        SDVariable x = words.add(pos).add(type0);
        x = sd.identity(
                EMBEDDINGS, nn.dropout(nn.layerNorm(x, e + "LayerNorm", c.hidden(), c.layerNormEps()), dropout));

        // [N, T] -> [N, 1, 1, T]: 0 for real tokens, MASKED for padding
        SDVariable keyBias = sd.expandDims(sd.expandDims(textMask.rsub(1.0).mul(Nn.MASKED), 1), 1);
        for (int i = 0; i < c.layers(); i++) {
            x = sd.identity(layerOutput(i), layer(nn, x, keyBias, layerOutput(i) + ".", c, dropout));
        }
        return x;
    }

    /** One post-norm BERT layer: self-attention, add & norm, GELU feed-forward, add & norm. */
    private static SDVariable layer(
            Nn nn, SDVariable x, SDVariable keyBias, String p, TextEncoderConfig c, double dropout) {
        int h = c.hidden();
        SDVariable q = nn.linear(x, p + "attention.self.query", h, h);
        SDVariable k = nn.linear(x, p + "attention.self.key", h, h);
        SDVariable v = nn.linear(x, p + "attention.self.value", h, h);
        SDVariable ctx = nn.scaledDotProduct(q, k, v, keyBias, h, c.heads());
        SDVariable a = nn.dropout(nn.linear(ctx, p + "attention.output.dense", h, h), dropout);
        x = nn.layerNorm(a.add(x), p + "attention.output.LayerNorm", h, c.layerNormEps());
        SDVariable f = nn.gelu(nn.linear(x, p + "intermediate.dense", h, c.intermediate()));
        f = nn.dropout(nn.linear(f, p + "output.dense", c.intermediate(), h), dropout);
        return nn.layerNorm(f.add(x), p + "output.LayerNorm", h, c.layerNormEps());
    }
}

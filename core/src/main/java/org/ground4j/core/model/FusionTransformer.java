package org.ground4j.core.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * DETR's transformer as MDETR uses it: a post-norm encoder over the concatenated image and text tokens,
 * sine positions added to queries and keys of image tokens only (text tokens get zeros), and a post-norm
 * decoder of learned queries over the fused memory that returns every layer's output, each through the
 * shared final LayerNorm. Weight names follow DETR ({@code transformer.encoder.layers.0.self_attn.in_proj_weight},
 * {@code transformer.decoder.layers.0.multihead_attn.out_proj.weight}, {@code transformer.decoder.norm.weight},
 * {@code query_embed.weight}).
 */
public final class FusionTransformer {

    private static final double LN_EPS = 1e-5;
    /** The encoder's output {@code [N, S, d]} (image tokens, then text tokens): the fused memory. */
    public static final String MEMORY = "fused_memory";

    /** The encoder's input {@code [N, S, d]} (image tokens, then text tokens). */
    public static final String ENCODER_INPUT = "transformer.encoder.input";
    /** The decoder's input {@code [N, Q, d]}: the queries' content before the first layer. */
    public static final String DECODER_INPUT = "transformer.decoder.input";

    private FusionTransformer() {}

    /** The name of encoder layer {@code i}'s output {@code [N, S, d]} (also its weights' prefix). */
    public static String encoderLayerOutput(int i) {
        return "transformer.encoder.layers." + i;
    }

    /** The name of decoder layer {@code i}'s output {@code [N, Q, d]} before the shared final norm. */
    public static String decoderLayerOutput(int i) {
        return "transformer.decoder.layers." + i;
    }

    /**
     * @param memory  {@code [N, S, d]} image tokens then text tokens
     * @param pos     {@code [N, S, d]} positions (zeros on text tokens)
     * @param keyBias {@code [N, 1, 1, S]} 0 for real tokens, {@link Nn#MASKED} for padded pixels and tokens
     * @return one {@code [N, Q, d]} per decoder layer, first to last
     */
    static List<SDVariable> build(Nn nn, SDVariable memory, SDVariable pos, SDVariable keyBias, TransformerConfig c) {
        SDVariable x = encode(nn, memory, pos, keyBias, c);
        SDVariable queryEmbed = nn.param("query_embed.weight", c.queries(), c.d());
        // [N, 1, d] zeros broadcast against [Q, d]: the query positions for every sample of the batch
        SDVariable zeros = x.get(
                        org.nd4j.autodiff.samediff.SDIndex.all(),
                        org.nd4j.autodiff.samediff.SDIndex.interval(0, 1),
                        org.nd4j.autodiff.samediff.SDIndex.all())
                .mul(0.0);
        SDVariable queryPos = zeros.add(queryEmbed);
        return decode(nn, x, pos, keyBias, queryPos.mul(0.0), queryPos, c);
    }

    /**
     * The fusion encoder alone.
     *
     * @return {@code [N, S, d]} the fused memory, named {@link #MEMORY}
     */
    static SDVariable encode(Nn nn, SDVariable memory, SDVariable pos, SDVariable keyBias, TransformerConfig c) {
        SDVariable x = nn.sd().identity(ENCODER_INPUT, memory);
        for (int i = 0; i < c.encoderLayers(); i++) {
            x = nn.sd()
                    .identity(encoderLayerOutput(i), encoderLayer(nn, x, pos, keyBias, encoderLayerOutput(i) + ".", c));
        }
        return nn.sd().identity(MEMORY, x);
    }

    /**
     * The decoder over a fused memory.
     *
     * @param tgt      {@code [N, Q, d]} the queries' content before the first layer (zeros in DETR)
     * @param queryPos {@code [N, Q, d]} the queries' positions, added to their attention queries in every layer
     * @return one {@code [N, Q, d]} per decoder layer, first to last
     */
    static List<SDVariable> decode(
            Nn nn,
            SDVariable memory,
            SDVariable pos,
            SDVariable keyBias,
            SDVariable tgt,
            SDVariable queryPos,
            TransformerConfig c) {
        SDVariable memPos = memory.add(pos);
        List<SDVariable> outputs = new ArrayList<>();
        tgt = nn.sd().identity(DECODER_INPUT, tgt);
        for (int i = 0; i < c.decoderLayers(); i++) {
            tgt = nn.sd()
                    .identity(
                            decoderLayerOutput(i),
                            decoderLayer(nn, tgt, queryPos, memory, memPos, keyBias, decoderLayerOutput(i) + ".", c));
            outputs.add(nn.layerNorm(tgt, "transformer.decoder.norm", c.d(), LN_EPS));
        }
        return outputs;
    }

    static SDVariable encoderLayer(
            Nn nn, SDVariable src, SDVariable pos, SDVariable keyBias, String p, TransformerConfig c) {
        SDVariable qk = src.add(pos);
        SDVariable a = nn.attention(qk, qk, src, keyBias, p + "self_attn", c.d(), c.heads());
        src = nn.layerNorm(src.add(nn.dropout(a, c.dropout())), p + "norm1", c.d(), LN_EPS);
        return nn.layerNorm(src.add(nn.dropout(feedForward(nn, src, p, c), c.dropout())), p + "norm2", c.d(), LN_EPS);
    }

    static SDVariable decoderLayer(
            Nn nn,
            SDVariable tgt,
            SDVariable queryPos,
            SDVariable memory,
            SDVariable memPos,
            SDVariable keyBias,
            String p,
            TransformerConfig c) {
        SDVariable qk = tgt.add(queryPos);
        SDVariable a = nn.attention(qk, qk, tgt, null, p + "self_attn", c.d(), c.heads());
        tgt = nn.layerNorm(tgt.add(nn.dropout(a, c.dropout())), p + "norm1", c.d(), LN_EPS);
        SDVariable x = nn.attention(tgt.add(queryPos), memPos, memory, keyBias, p + "multihead_attn", c.d(), c.heads());
        tgt = nn.layerNorm(tgt.add(nn.dropout(x, c.dropout())), p + "norm2", c.d(), LN_EPS);
        return nn.layerNorm(tgt.add(nn.dropout(feedForward(nn, tgt, p, c), c.dropout())), p + "norm3", c.d(), LN_EPS);
    }

    private static SDVariable feedForward(Nn nn, SDVariable x, String p, TransformerConfig c) {
        SDVariable h = nn.dropout(nn.sd().nn.relu(nn.linear(x, p + "linear1", c.d(), c.feedForward()), 0), c.dropout());
        return nn.linear(h, p + "linear2", c.feedForward(), c.d());
    }
}

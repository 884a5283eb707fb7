package org.ground4j.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fusion encoder and query decoder (DETR's transformer, post-norm).
 *
 * @param d              model width
 * @param heads          attention heads (must divide d)
 * @param encoderLayers  fusion encoder layers over image + text tokens
 * @param decoderLayers  query decoder layers (each gives an auxiliary output)
 * @param feedForward    feed-forward width
 * @param dropout        dropout during training
 * @param queries        decoder queries: the most boxes one sentence can get
 * @param querySelection whether the queries come from the fused image tokens instead of learned embeddings
 *                       (two-stage selection as in Efficient DETR and DINO, see {@link QuerySelection}): the
 *                       {@code queries} tokens that a dense head scores highest for the sentence seed the decoder,
 *                       and each query's box is predicted relative to its token's cell. Off when absent from a file
 *                       (DETR); on in {@link ModelConfig#cpu}.
 */
public record TransformerConfig(
        @JsonProperty("d") int d,
        @JsonProperty("heads") int heads,
        @JsonProperty("encoder_layers") int encoderLayers,
        @JsonProperty("decoder_layers") int decoderLayers,
        @JsonProperty("feed_forward") int feedForward,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("queries") int queries,
        @JsonProperty("query_selection") boolean querySelection) {

    /** @throws IllegalArgumentException on a non-positive size, heads that do not divide d, or dropout outside [0,1) */
    public TransformerConfig {
        Checks.positive("transformer.d", d);
        Checks.positive("transformer.heads", heads);
        Checks.positive("transformer.encoder_layers", encoderLayers);
        Checks.positive("transformer.decoder_layers", decoderLayers);
        Checks.positive("transformer.feed_forward", feedForward);
        Checks.positive("transformer.queries", queries);
        Checks.divides("transformer.heads", heads, "transformer.d", d);
        if (d % 2 != 0) {
            throw new IllegalArgumentException(
                    "transformer.d must be even (half the sine features per axis), got " + d);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("transformer.dropout must lie in [0,1), got " + dropout);
        }
    }

    /** DETR's learned queries (no query selection). */
    public TransformerConfig(
            int d, int heads, int encoderLayers, int decoderLayers, int feedForward, double dropout, int queries) {
        this(d, heads, encoderLayers, decoderLayers, feedForward, dropout, queries, false);
    }

    /** This configuration with another dropout. */
    public TransformerConfig withDropout(double p) {
        return new TransformerConfig(d, heads, encoderLayers, decoderLayers, feedForward, p, queries, querySelection);
    }

    /** DETR / MDETR defaults: d 256, 8 heads, 6 + 6 layers, feed-forward 2048, dropout 0.1, 100 queries. */
    public static TransformerConfig detr() {
        return new TransformerConfig(256, 8, 6, 6, 2048, 0.1, 100);
    }
}

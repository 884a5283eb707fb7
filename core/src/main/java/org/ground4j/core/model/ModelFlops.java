package org.ground4j.core.model;

/**
 * Analytic multiply-accumulate counts of one forward pass, per part, for benchmarks (GFLOP/s = 2 x MAC / s).
 * Matrix products only (convolutions, linear layers, attention); element-wise work is not counted.
 *
 * <pre>{@code
 * ModelFlops f = ModelFlops.of(ModelConfig.paper(), 16);   // sentences of 16 tokens
 * f.imageEncoderMacs();                                    // 63.7e9 + input projection
 * }</pre>
 *
 * @param imageEncoderMacs  backbone and input projection, per image
 * @param textEncoderMacs   text encoder and its projection, per sentence
 * @param fusionDecoderMacs fusion encoder, decoder and heads, per sentence
 */
public record ModelFlops(double imageEncoderMacs, double textEncoderMacs, double fusionDecoderMacs) {

    /** Counts for sentences of {@code tokens} tokens. */
    public static ModelFlops of(ModelConfig c, int tokens) {
        double hw = c.imageTokens(), d = c.transformer().d(), t = tokens;
        double image = Backbone.macs(c.backbone(), c.imageSize(), c.imageSize())
                + hw * c.backbone().outChannels() * d;
        TextEncoderConfig tc = c.text();
        double h = tc.hidden();
        double text = tc.layers() * (t * (4 * h * h + 2 * h * tc.intermediate()) + 2 * t * t * h)
                + t * h * d
                + t * tc.vocabSize() * h; // one-hot embedding product
        TransformerConfig tr = c.transformer();
        double s = hw + t, q = tr.queries(), f = tr.feedForward();
        double enc = tr.encoderLayers() * (s * (4 * d * d + 2 * d * f) + 2 * s * s * d);
        double dec = tr.decoderLayers()
                * (q * (4 * d * d + 2 * d * f)
                        + 2 * q * q * d // self-attention + FFN
                        + q * 2 * d * d
                        + s * 2 * d * d
                        + 2 * q * s * d // cross-attention
                        + q * (2 * d * d + 4 * d + d)); // heads
        return new ModelFlops(image, text, enc + dec);
    }

    /** One sentence on one image. */
    public double totalMacs() {
        return imageEncoderMacs + textEncoderMacs + fusionDecoderMacs;
    }
}

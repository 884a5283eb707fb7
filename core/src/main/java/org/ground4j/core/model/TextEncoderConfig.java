package org.ground4j.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The BERT-style text encoder, in HuggingFace {@code BertConfig} terms.
 *
 * @param vocabSize      rows of the word embedding (the tokenizer's vocabulary)
 * @param hidden         hidden size
 * @param layers         post-norm transformer layers
 * @param heads          attention heads (must divide hidden)
 * @param intermediate   feed-forward width
 * @param maxPositions   position embeddings; the longest tokenised sentence
 * @param typeVocab      token-type embeddings (BERT: 2; only type 0 is used)
 * @param layerNormEps   BERT's 1e-12
 */
public record TextEncoderConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden") int hidden,
        @JsonProperty("layers") int layers,
        @JsonProperty("heads") int heads,
        @JsonProperty("intermediate") int intermediate,
        @JsonProperty("max_positions") int maxPositions,
        @JsonProperty("type_vocab") int typeVocab,
        @JsonProperty("layer_norm_eps") double layerNormEps) {

    /** @throws IllegalArgumentException on a non-positive size or heads that do not divide hidden */
    public TextEncoderConfig {
        Checks.positive("text.vocab_size", vocabSize);
        Checks.positive("text.hidden", hidden);
        Checks.positive("text.layers", layers);
        Checks.positive("text.heads", heads);
        Checks.positive("text.intermediate", intermediate);
        Checks.positive("text.max_positions", maxPositions);
        Checks.positive("text.type_vocab", typeVocab);
        Checks.divides("text.heads", heads, "text.hidden", hidden);
    }

    /** BERT-base sizes (as CXR-BERT / BioViL use) for a given vocabulary. */
    public static TextEncoderConfig bertBase(int vocabSize) {
        return new TextEncoderConfig(vocabSize, 768, 12, 12, 3072, 512, 2, 1e-12);
    }
}

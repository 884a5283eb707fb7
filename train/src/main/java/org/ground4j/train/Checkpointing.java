package org.ground4j.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.model.TrainingGraph;

/**
 * Activation checkpointing (the {@code checkpointing} option of a run): which parts of the network keep only their
 * input during the forward pass and recompute their activations in the backward, trading about a third more
 * compute in those parts for their memory. The cuts are the ResNet blocks and the transformer layers, as
 * {@code torch.utils.checkpoint} is usually applied to DETR-style models; gradients are the same as without.
 */
public enum Checkpointing {
    /** Every activation the backward needs is kept from the forward. */
    @JsonProperty("none")
    NONE,
    /** Each trainable ResNet block keeps only its input. */
    @JsonProperty("backbone")
    BACKBONE,
    /** The blocks, and every layer of the text encoder, the fusion encoder and the decoder. */
    @JsonProperty("all")
    ALL;

    /** The segments of {@code graph} this setting recomputes. */
    public List<TrainingGraph.Segment> segments(TrainingGraph graph) {
        List<TrainingGraph.Segment> out = new ArrayList<>();
        if (this != NONE) {
            out.addAll(graph.backboneSegments());
        }
        if (this == ALL) {
            out.addAll(graph.transformerSegments());
        }
        return out;
    }
}

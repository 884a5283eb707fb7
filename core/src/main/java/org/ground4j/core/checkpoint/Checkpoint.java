package org.ground4j.core.checkpoint;

import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.StateDict;

/**
 * Everything needed to ground with, or to resume training of, one model: the configuration, the weights
 * (PyTorch names), the tokenizer, the post-processing settings, the provenance (seed, data, code version)
 * and optionally the training state (optimiser moments and counters). {@link CheckpointIO} writes it as a
 * directory with a SHA-256 manifest, atomically.
 *
 * <pre>{@code
 * Checkpoint ckpt = CheckpointIO.load(Path.of("models/demo"));
 * try (GrounderModel m = ckpt.buildModel()) { ... }
 * }</pre>
 *
 * @param config         the model configuration
 * @param weights        every tensor of the model
 * @param tokenizerJson  HF tokenizer.json bytes, or null
 * @param inference      threshold and fusion IoU
 * @param provenance     free-form facts: seed, data manifest hash, git commit, stage, created
 * @param trainState     optimiser tensors, or null
 * @param trainStateJson optimiser counters and data position (JSON), or null
 */
public record Checkpoint(
        ModelConfig config,
        StateDict weights,
        byte[] tokenizerJson,
        InferenceSettings inference,
        Map<String, String> provenance,
        StateDict trainState,
        String trainStateJson) {

    /** @throws IllegalArgumentException when config, weights or settings are missing */
    public Checkpoint {
        if (config == null || weights == null || inference == null) {
            throw new IllegalArgumentException("a checkpoint needs a config, weights and inference settings");
        }
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    /**
     * Builds the inference network from these weights.
     *
     * @throws InvalidInputException when a tensor the configuration needs is missing or has another shape
     */
    public GrounderModel buildModel() {
        try {
            return GrounderModel.forInference(config, weights);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("checkpoint weights do not fit its configuration: " + e.getMessage(), e);
        }
    }

    /** The same checkpoint without training state (what a demo model ships). */
    public Checkpoint withoutTrainState() {
        return new Checkpoint(config, weights, tokenizerJson, inference, provenance, null, null);
    }

    /** The same checkpoint with other post-processing settings. */
    public Checkpoint withInference(InferenceSettings settings) {
        return new Checkpoint(config, weights, tokenizerJson, settings, provenance, trainState, trainStateJson);
    }
}

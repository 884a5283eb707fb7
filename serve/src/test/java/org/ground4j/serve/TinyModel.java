package org.ground4j.serve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;

/** An untrained tiny checkpoint with threshold 0 (every query's box survives) for the service tests. */
final class TinyModel {

    private TinyModel() {}

    /** Writes it to {@code dir}, its tokenizer learnt from {@code corpus}; {@code purpose} goes to its provenance. */
    static Path write(Path dir, List<String> corpus, String purpose) {
        String tokenizer = TokenizerJson.toJson(new WordPieceTrainer(120).train(corpus));
        ModelConfig cfg = ModelConfig.tiny(120);
        CheckpointIO.save(
                dir,
                new Checkpoint(
                        cfg,
                        ModelInit.init(cfg, 3),
                        tokenizer.getBytes(StandardCharsets.UTF_8),
                        new InferenceSettings(0.0, 0.1),
                        Map.of("purpose", purpose),
                        null,
                        null));
        return dir;
    }
}

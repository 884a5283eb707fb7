package org.ground4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;

/** An untrained tiny checkpoint with the 148-token fixture tokenizer, and small grey PNGs, for the CLI tests. */
final class GroundingFixtures {

    private GroundingFixtures() {}

    /** Saves a tiny checkpoint (64 px, 5 queries) with this confidence threshold and fusion IoU 0.1. */
    static Path checkpoint(Path dir, double threshold) throws IOException {
        ModelConfig cfg = ModelConfig.tiny(148);
        byte[] tokenizer;
        try (InputStream in = GroundingFixtures.class.getResourceAsStream("/grounding/tokenizer.json")) {
            tokenizer = in.readAllBytes();
        }
        CheckpointIO.save(
                dir,
                new Checkpoint(
                        cfg,
                        ModelInit.init(cfg, 5),
                        tokenizer,
                        new InferenceSettings(threshold, 0.1),
                        Map.of("seed", "5", "purpose", "cli test"),
                        null,
                        null));
        return dir;
    }

    /** A grey 8-bit PNG of stripes and noise. */
    static Path png(Path file, int width, int height, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 3 + r.nextInt(50)) % 256);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}

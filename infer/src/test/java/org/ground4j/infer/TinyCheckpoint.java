package org.ground4j.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;

/** An untrained tiny checkpoint (64 px input, 5 queries) with the 148-token fixture tokenizer, and test images. */
final class TinyCheckpoint {

    static final ModelConfig CONFIG = ModelConfig.tiny(148);

    private TinyCheckpoint() {}

    static byte[] tokenizerJson() {
        try (InputStream in = TinyCheckpoint.class.getResourceAsStream("/tokenizer/tokenizer.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Checkpoint checkpoint(double threshold, double fusionIou) {
        return new Checkpoint(
                CONFIG,
                ModelInit.init(CONFIG, 11),
                tokenizerJson(),
                new InferenceSettings(threshold, fusionIou),
                Map.of("seed", "11", "purpose", "test"),
                null,
                null);
    }

    /** Saves a checkpoint with these settings to {@code dir}. */
    static Path write(Path dir, double threshold, double fusionIou) {
        CheckpointIO.save(dir, checkpoint(threshold, fusionIou));
        return dir;
    }

    /** A grey 8-bit image of random blobs. */
    static BufferedImage image(int width, int height, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (int) (128 + 60 * Math.sin(x * 0.2 + seed) * Math.cos(y * 0.15) + r.nextInt(40));
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return img;
    }

    /** Writes {@link #image} as PNG. */
    static Path png(Path file, int width, int height, long seed) {
        try {
            ImageIO.write(image(width, height, seed), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}

package org.ground4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointIOTest {

    static final ModelConfig CFG = ModelConfig.tiny(40);

    @TempDir
    Path dir;

    static Checkpoint sample() {
        return new Checkpoint(
                CFG,
                ModelInit.init(CFG, 3),
                "{\"tok\": 1}".getBytes(StandardCharsets.UTF_8),
                new InferenceSettings(0.65, 0.1),
                Map.of("seed", "3", "stage", "expert"),
                new StateDict().put("adam.m.query_embed.weight", Nd4j.ones(5, 16)),
                "{\"step\": 12}");
    }

    @Test
    void roundTripsEveryPart() {
        Checkpoint c = sample();
        Path p = dir.resolve("ckpt");
        CheckpointIO.save(p, c);
        Checkpoint back = CheckpointIO.load(p);
        assertThat(back.config()).isEqualTo(CFG);
        assertThat(back.weights().names()).containsExactlyElementsOf(c.weights().names());
        for (String n : c.weights().names()) {
            assertThat(back.weights().asMap().get(n))
                    .as(n)
                    .isEqualTo(c.weights().asMap().get(n));
        }
        assertThat(back.tokenizerJson()).isEqualTo(c.tokenizerJson());
        assertThat(back.inference()).isEqualTo(new InferenceSettings(0.65, 0.1));
        assertThat(back.provenance()).containsEntry("seed", "3").containsEntry("stage", "expert");
        assertThat(back.trainState().asMap().get("adam.m.query_embed.weight")).isEqualTo(Nd4j.ones(5, 16));
        assertThat(back.trainStateJson()).isEqualTo("{\"step\": 12}");
        try (var m = back.buildModel()) {
            assertThat(m.config()).isEqualTo(CFG);
        }
    }

    @Test
    void weightsWithANanOrAnInfinityAreRefusedNamingTheCheckpointAndTheTensor() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            Checkpoint c = sample();
            String name = c.weights().names().stream()
                    .filter(n -> n.endsWith("class_embed.bias"))
                    .findFirst()
                    .orElseThrow();
            c.weights().asMap().get(name).putScalar(0, bad);
            Path p = dir.resolve("diverged-" + bad);
            CheckpointIO.save(p, c); // written faithfully, checksums and all
            assertThatThrownBy(() -> CheckpointIO.load(p))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith(p.resolve("weights.safetensors") + ": tensor " + name + " holds " + bad
                            + " (element 0 of ");
        }
    }

    @Test
    void overwritingLeavesNoTemporaryOrOldDirectory() throws IOException {
        Path p = dir.resolve("ckpt");
        CheckpointIO.save(p, sample());
        CheckpointIO.save(p, sample().withInference(new InferenceSettings(0.9, 0.2)));
        assertThat(CheckpointIO.load(p).inference().threshold()).isEqualTo(0.9);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("ckpt");
        }
    }

    @Test
    void theRelativeThresholdRoundTripsAndAnOlderCheckpointReadsItAsOff() throws IOException {
        Path p = dir.resolve("ckpt");
        CheckpointIO.save(p, sample().withInference(new InferenceSettings(0.4, 0.1, 0.95)));
        assertThat(CheckpointIO.load(p).inference()).isEqualTo(new InferenceSettings(0.4, 0.1, 0.95));
        // a checkpoint saved before relative_threshold existed: inference.json without it, manifest to match
        Path inf = p.resolve(CheckpointIO.INFERENCE);
        Files.writeString(inf, "{\n  \"threshold\" : 0.5,\n  \"fusion_iou\" : 0.1\n}");
        Path manifest = p.resolve(CheckpointIO.CHECKSUMS);
        String fixed = Files.readAllLines(manifest).stream()
                .map(l -> l.endsWith("  " + CheckpointIO.INFERENCE) ? sha256(inf) + "  " + CheckpointIO.INFERENCE : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Files.writeString(manifest, fixed);
        assertThat(CheckpointIO.load(p).inference()).isEqualTo(new InferenceSettings(0.5, 0.1, 0));
    }

    private static String sha256(Path f) {
        try {
            return org.ground4j.core.io.Hashing.sha256(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTruncatedWeightsFileIsNamed() throws IOException {
        Path p = dir.resolve("ckpt");
        CheckpointIO.save(p, sample());
        Path w = p.resolve(CheckpointIO.WEIGHTS);
        try (FileChannel ch = FileChannel.open(w, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        assertThatThrownBy(() -> CheckpointIO.load(p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weights.safetensors")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void weightsOfAnotherConfigurationNameTheTensor() {
        ModelConfig other = new ModelConfig(
                CFG.backbone(),
                CFG.text(),
                new org.ground4j.core.model.TransformerConfig(16, 2, 1, 2, 32, 0.0, 7),
                64,
                16);
        Checkpoint wrong =
                new Checkpoint(other, ModelInit.init(CFG, 1), null, InferenceSettings.paper(), Map.of(), null, null);
        Path p = dir.resolve("ckpt");
        CheckpointIO.save(p, wrong);
        assertThatThrownBy(() -> CheckpointIO.load(p).buildModel())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("query_embed.weight")
                .hasMessageContaining("[5, 16]")
                .hasMessageContaining("[7, 16]");
    }

    @Test
    void missingDirectoryOrManifestIsAClearError() throws IOException {
        assertThatThrownBy(() -> CheckpointIO.load(dir.resolve("nope"))).hasMessageContaining("no such checkpoint");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> CheckpointIO.load(dir.resolve("empty")))
                .hasMessageContaining("not a ground4j checkpoint");
    }

    @Test
    void anInterruptedSwapFallsBackToTheOldCheckpoint() throws IOException {
        Path p = dir.resolve("ckpt");
        CheckpointIO.save(p, sample());
        Files.move(p, dir.resolve("ckpt.old")); // as if the process died between the two renames
        assertThat(CheckpointIO.load(p).inference().threshold()).isEqualTo(0.65);
    }
}

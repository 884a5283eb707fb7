package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Non-finite steps are skipped and counted; K in a row stop the run and leave the last good checkpoint alone. */
class DivergenceTest {

    @TempDir
    Path dir;

    @Test
    void anAbsurdLearningRateStopsTheRunWithoutSavingNonFiniteWeights() throws Exception {
        SynthCxr.generate(SynthConfig.of(30, 4), dir.resolve("data"));
        List<Sample> all = SampleJsonl.read(dir.resolve("data").resolve(SynthCxr.EXPERT));
        TokenizerJson.write(
                dir.resolve("tokenizer.json"),
                new WordPieceTrainer(150)
                        .train(all.stream().map(Sample::sentence).toList()));
        Files.writeString(
                dir.resolve("run.yaml"),
                String.join(
                        "\n",
                        "stage: expert",
                        "model: tiny",
                        "tokenizer: tokenizer.json",
                        "data: {expert_train: data/expert.jsonl, expert_val: data/expert.jsonl}",
                        "out: run",
                        "seed: 1",
                        "epochs: {weak: 0, expert: 3}",
                        "batch_images: 2",
                        "lr: {backbone: 1.0e+12, text: 1.0e+12, rest: 1.0e+12, drop_epoch: 0, gamma: 1}",
                        "max_non_finite: 3",
                        "checkpoint_every: 1",
                        ""));
        Trainer t = new Trainer(TrainConfig.load(dir.resolve("run.yaml")), TrainListener.SILENT);
        assertThatThrownBy(t::run)
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("3 consecutive steps")
                .hasMessageContaining("last good checkpoint");
        String log = Files.readString(dir.resolve("run/log.jsonl"));
        assertThat(log).contains("\"skipped\":\"non-finite loss or gradient\"").contains("\"event\":\"diverged\"");
        // whatever was saved is finite
        var last = CheckpointIO.load(dir.resolve("run/expert/last"));
        for (INDArray w : last.weights().asMap().values()) {
            assertThat(w.isInfinite().any() || w.isNaN().any()).isFalse();
        }
    }
}

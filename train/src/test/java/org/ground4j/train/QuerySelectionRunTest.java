package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of a model with query selection: it needs the dense term, and its checkpoint carries the dense head. */
class QuerySelectionRunTest {

    @TempDir
    Path dir;

    @BeforeEach
    void data() throws Exception {
        SynthCxr.generate(SynthConfig.of(12, 4), dir.resolve("data"));
        List<Sample> all = SampleJsonl.read(dir.resolve("data").resolve(SynthCxr.EXPERT));
        TokenizerJson.write(
                dir.resolve("tokenizer.json"),
                new WordPieceTrainer(150)
                        .train(all.stream().map(Sample::sentence).toList()));
        ModelConfig tiny = ModelConfig.tiny(1); // vocab_size 0 below: the tokenizer's
        String yaml = tiny.toYaml()
                .replace("query_selection: false", "query_selection: true")
                .replace("vocab_size: 1", "vocab_size: 0");
        assertThat(yaml).contains("query_selection: true").contains("vocab_size: 0");
        Files.writeString(dir.resolve("model.yaml"), yaml);
    }

    private Trainer trainer(String loss) throws Exception {
        Files.writeString(
                dir.resolve("run.yaml"),
                String.join(
                        "\n",
                        "stage: expert",
                        "model: model.yaml",
                        "tokenizer: tokenizer.json",
                        "data: {expert_train: data/expert.jsonl, expert_val: data/expert.jsonl}",
                        "out: run",
                        "seed: 1",
                        "epochs: {weak: 0, expert: 1}",
                        "batch_images: 4",
                        loss,
                        ""));
        return new Trainer(TrainConfig.load(dir.resolve("run.yaml")), TrainListener.SILENT);
    }

    @Test
    void withoutTheDenseTermTheRunRefusesToStart() throws Exception {
        Trainer t = trainer("loss: {bce: 1, l1: 5, giou: 2, eos_coef: 0.1, dense: 0}");
        assertThatThrownBy(t::run)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.yaml")
                .hasMessageContaining("query_selection")
                .hasMessageContaining("loss.dense > 0");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void aRunSavesTheDenseHeadAndTheLogHasItsTerm() throws Exception {
        Trainer.Summary s = trainer("loss: {bce: 1, l1: 5, giou: 2, eos_coef: 0.1, dense: 1}")
                .run();
        Checkpoint best = CheckpointIO.load(s.best());
        assertThat(best.config().transformer().querySelection()).isTrue();
        assertThat(best.weights().names()).contains("dense_embed.weight").doesNotContain("query_embed.weight");
        assertThat(Files.readString(dir.resolve("run/log.jsonl"))).contains("\"loss_dense\"");
    }
}

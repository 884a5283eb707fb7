package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.ground4j.train.loss.LossWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {

    @TempDir
    Path dir;

    private Path write(String extra) throws Exception {
        Path f = dir.resolve("run.yaml");
        Files.writeString(f, "tokenizer: t.json\ndata: {expert_train: a.jsonl, expert_val: b.jsonl}\n" + extra);
        return f;
    }

    @Test
    void batchNormDefaultsToFrozenAndSurvivesTheSavedCopy() throws Exception {
        TrainConfig frozen = TrainConfig.load(write(""));
        assertThat(frozen.batchNorm()).isEqualTo(org.ground4j.core.model.TrainingOptions.BatchNorm.FROZEN);
        assertThat(frozen.batchStats()).isFalse();
        TrainConfig train = TrainConfig.load(write("batch_norm: train\n"));
        assertThat(train.batchStats()).isTrue();
        Files.writeString(dir.resolve("saved.yaml"), train.toYaml());
        assertThat(TrainConfig.load(dir.resolve("saved.yaml"))).isEqualTo(train);
    }

    /** The defaults are the learning proof's ablation choice: the cpu preset with query selection and its dense term. */
    @Test
    void theDefaultsAreTheAblationsChoice() throws Exception {
        TrainConfig c = TrainConfig.load(write(""));
        assertThat(c.model()).isEqualTo("cpu");
        assertThat(c.modelConfig(100).transformer().querySelection()).isTrue();
        assertThat(c.loss()).isEqualTo(new LossWeights(1, 5, 2, 0.5, 1, true));
        assertThat(c.loss().dense())
                .as("query selection needs the dense term (Trainer refuses otherwise)")
                .isPositive();
        assertThat(LossWeights.detr()).isEqualTo(new LossWeights(1, 5, 2, 0.1, 0, false));
    }

    @Test
    void workersDefaultToOneAndCannotOutnumberTheImagesOfAStep() throws Exception {
        assertThat(TrainConfig.load(write("")).workers()).isEqualTo(1);
        assertThat(TrainConfig.load(write("workers: 2\n")).workers()).isEqualTo(2);
        Path f = write("batch_images: 2\nworkers: 3\n");
        assertThatThrownBy(() -> TrainConfig.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("workers must lie in [1, batch_images = 2], got 3");
    }

    @Test
    void accumulationSplitsAStepsImagesAndCannotOutnumberThem() throws Exception {
        assertThat(TrainConfig.load(write("")).accumulate()).isEqualTo(1);
        TrainConfig c = TrainConfig.load(write("batch_images: 8\nworkers: 2\naccumulate: 4\n"));
        assertThat(c.accumulate()).isEqualTo(4);
        Files.writeString(dir.resolve("saved.yaml"), c.toYaml());
        assertThat(TrainConfig.load(dir.resolve("saved.yaml"))).isEqualTo(c);
        Path f = write("batch_images: 4\nworkers: 2\naccumulate: 3\n");
        assertThatThrownBy(() -> TrainConfig.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("accumulate must lie in [1, batch_images / workers = 2], got 3");
    }

    @Test
    void checkpointingIsNoneByDefaultAndSpelledAsInTheYaml() throws Exception {
        assertThat(TrainConfig.load(write("")).checkpointing()).isEqualTo(Checkpointing.NONE);
        TrainConfig c = TrainConfig.load(write("checkpointing: backbone\n"));
        assertThat(c.checkpointing()).isEqualTo(Checkpointing.BACKBONE);
        assertThat(c.toYaml()).contains("checkpointing: \"backbone\"");
        assertThat(TrainConfig.load(write("checkpointing: all\n")).checkpointing())
                .isEqualTo(Checkpointing.ALL);
        Path f = write("checkpointing: layers\n");
        assertThatThrownBy(() -> TrainConfig.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("checkpointing");
    }

    @Test
    void anUnknownBatchNormModeNamesTheFileAndTheField() throws Exception {
        Path f = write("batch_norm: group\n");
        assertThatThrownBy(() -> TrainConfig.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("batch_norm must be frozen or train");
    }

    @Test
    void aValueOfTheWrongTypeIsOneLineWithTheFieldAndItsLine() throws Exception {
        Path f = write("seed: 1\ndropout: abc\n");
        assertThatThrownBy(() -> TrainConfig.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ": invalid run configuration: field dropout (line 4, column 10): ")
                .hasMessageContaining("\"abc\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNestedFieldIsNamedByItsPath() throws Exception {
        Path f = write("loss: {bce: 1, l1: many}\n");
        assertThatThrownBy(() -> TrainConfig.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field loss.l1 (line 3, ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

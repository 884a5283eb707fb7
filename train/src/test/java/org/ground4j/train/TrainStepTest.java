package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TrainStepTest {

    @Test
    void aGroupWithLearningRateZeroStaysFrozenWhileTheRestMoves() {
        ModelConfig cfg = ModelConfig.tiny(40);
        StateDict w0 = ModelInit.init(cfg, 3);
        TrainingGraph graph = TrainingGraph.build(cfg, w0, TrainingOptions.DEFAULT);
        TrainStep step = new TrainStep(
                graph,
                LossWeights.detr(),
                HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1e-8, 0),
                new ParamGroups(0, 1e-3, 1e-3, 0, 1),
                1.0);
        Nd4j.getRandom().setSeed(5);
        ImageBatch img = new ImageBatch(Nd4j.rand(DataType.FLOAT, 1, 3, 64, 64), new int[] {64}, new int[] {64});
        PreparedBatch batch = new PreparedBatch(
                img,
                List.of(Letterbox.of(64, 64, 64)),
                new int[] {0, 0},
                new TokenBatch(new int[][] {{2, 7, 9, 3}, {2, 11, 3, 0}}, new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}}),
                List.of(List.of(new Box(0.1, 0.2, 0.4, 0.6)), List.of()),
                List.of());
        TrainStep.Result r = step.run(batch, 0, 1.0, 1);
        assertThat(r.applied()).isTrue();
        StateDict after = graph.weights(w0);
        assertThat(after.asMap().get("backbone.layer2.0.conv1.weight"))
                .isEqualTo(w0.asMap().get("backbone.layer2.0.conv1.weight"));
        assertThat(after.asMap().get("query_embed.weight"))
                .isNotEqualTo(w0.asMap().get("query_embed.weight"));
        assertThat(after.asMap().get("text_encoder.embeddings.word_embeddings.weight"))
                .isNotEqualTo(w0.asMap().get("text_encoder.embeddings.word_embeddings.weight"));
        assertThat(r.terms()).containsKeys("loss_bce", "loss_l1", "loss_giou", "loss_bce_0", "loss");
    }

    @Test
    void theDenseHeadTrainsAndItsWeightsEnterTheStateDict() {
        ModelConfig cfg = ModelConfig.tiny(40);
        StateDict w0 = ModelInit.init(cfg, 3);
        assertThat(w0.names()).doesNotContain("dense_embed.weight");
        TrainingGraph graph = TrainingGraph.build(cfg, w0, TrainingOptions.DEFAULT.withDenseHead(true));
        assertThat(w0.names()).contains("dense_embed.weight", "dense_embed.bias");
        TrainStep step = new TrainStep(
                graph,
                new LossWeights(1, 5, 2, 0.1, 2),
                HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1e-8, 0),
                new ParamGroups(1e-3, 1e-3, 1e-3, 0, 1),
                1.0);
        Nd4j.getRandom().setSeed(5);
        ImageBatch img = new ImageBatch(Nd4j.rand(DataType.FLOAT, 1, 3, 64, 64), new int[] {64}, new int[] {48});
        PreparedBatch batch = new PreparedBatch(
                img,
                List.of(Letterbox.of(64, 48, 64)),
                new int[] {0, 0},
                new TokenBatch(new int[][] {{2, 7, 9, 3}, {2, 11, 3, 0}}, new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}}),
                List.of(List.of(new Box(0.1, 0.2, 0.4, 0.6)), List.of()),
                List.of());
        TrainStep.Result r = step.run(batch, 0, 1.0, 1);
        assertThat(r.applied()).isTrue();
        // a fresh head predicts ~12 % everywhere: its loss is near -log(0.88) on negatives, larger on positives
        assertThat(r.terms().get("loss_dense")).isBetween(0.1, 1.0);
        StateDict after = graph.weights(w0);
        assertThat(after.asMap().get("dense_embed.weight"))
                .isNotEqualTo(w0.asMap().get("dense_embed.weight"));
        assertThat(after.asMap().get("dense_embed.bias"))
                .isNotEqualTo(w0.asMap().get("dense_embed.bias"));
    }
}

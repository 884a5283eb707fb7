package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;
import org.ground4j.core.text.SentenceTokenizer;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A step's batch in parts ({@link TrainStep} over replicas and in sequence, {@code workers} and {@code accumulate}
 * in a run) against the whole batch on one graph.
 */
class DataParallelTest {

    @TempDir
    Path dir;

    private static final ModelConfig CFG = ModelConfig.tiny(40);

    /** Two images, three sentences (five boxes), as one batch and as one part per image. */
    private static PreparedBatch image(int seed, int[][] tokens, int[][] mask, List<List<Box>> targets) {
        Nd4j.getRandom().setSeed(seed);
        ImageBatch img = new ImageBatch(Nd4j.rand(DataType.FLOAT, 1, 3, 64, 64), new int[] {64}, new int[] {64});
        return new PreparedBatch(
                img,
                List.of(Letterbox.of(64, 64, 64)),
                new int[tokens.length],
                new TokenBatch(tokens, mask),
                targets,
                List.of());
    }

    private static final PreparedBatch A = image(
            5,
            new int[][] {{2, 7, 9, 3}, {2, 11, 3, 0}},
            new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}},
            List.of(List.of(new Box(0.1, 0.2, 0.4, 0.6), new Box(0.5, 0.5, 0.9, 0.8)), List.of()));
    private static final PreparedBatch B = image(
            6,
            new int[][] {{2, 13, 17, 19, 3}},
            new int[][] {{1, 1, 1, 1, 1}},
            List.of(List.of(new Box(0.2, 0.1, 0.3, 0.3), new Box(0.6, 0.2, 0.8, 0.5), new Box(0.3, 0.6, 0.5, 0.9))));

    /** Both images in one batch: A's sentences, then B's (padded to five tokens). */
    private static PreparedBatch whole() {
        ImageBatch img = new ImageBatch(
                Nd4j.concat(0, A.images().pixels(), B.images().pixels()), new int[] {64, 64}, new int[] {64, 64});
        return new PreparedBatch(
                img,
                List.of(A.letterbox().get(0), B.letterbox().get(0)),
                new int[] {0, 0, 1},
                new TokenBatch(
                        new int[][] {{2, 7, 9, 3, 0}, {2, 11, 3, 0, 0}, {2, 13, 17, 19, 3}},
                        new int[][] {{1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}}),
                List.of(A.targets().get(0), A.targets().get(1), B.targets().get(0)),
                List.of());
    }

    /**
     * AdamW's first step with eps 1 moves each weight by lr * g / (|g| + 1), a strictly increasing function of
     * its gradient g: equal moves mean equal gradients.
     */
    private static TrainStep step(List<TrainingGraph> replicas) {
        return step(replicas, LossWeights.detr());
    }

    private static TrainStep step(List<TrainingGraph> replicas, LossWeights loss) {
        return new TrainStep(
                replicas,
                loss,
                HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1.0, 0),
                new ParamGroups(1e-2, 1e-2, 1e-2, 0, 1),
                0,
                Checkpointing.NONE);
    }

    private static List<TrainingGraph> graphs(int n, StateDict w0) {
        List<TrainingGraph> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TrainingGraph.build(CFG, w0, TrainingOptions.DEFAULT));
        }
        return out;
    }

    @Test
    void twoPartsOnTwoReplicasGiveTheWholeBatchsLossAndGradient() {
        StateDict w0 = ModelInit.init(CFG, 3);
        List<TrainingGraph> one = graphs(1, w0);
        TrainStep.Result r1 = step(one).run(whole(), 0, 1.0, 1);
        List<TrainingGraph> two = graphs(2, w0);
        TrainStep dp = step(two);
        assertThat(dp.replicas()).isEqualTo(2);
        TrainStep.Result r2 = dp.run(List.of(A, B), 0, 1.0, 1);

        assertThat(r1.applied()).isTrue();
        assertThat(r2.applied()).isTrue();
        // five boxes: each part divides by 5 / 2, and the parts' terms are averaged
        assertThat(r2.loss()).isCloseTo(r1.loss(), within(1e-5 * Math.abs(r1.loss())));
        for (String t : List.of("loss_bce", "loss_l1", "loss_giou", "loss_bce_0")) {
            assertThat(r2.terms().get(t)).as(t).isCloseTo(r1.terms().get(t), within(1e-5));
        }
        assertThat(r2.gradNorm()).isCloseTo(r1.gradNorm(), within(1e-4 * r1.gradNorm()));
        Map<String, INDArray> after1 = one.get(0).weights(w0).asMap(),
                after2 = two.get(0).weights(w0).asMap();
        Map<String, INDArray> replica = two.get(1).weights(w0).asMap();
        int moved = 0;
        for (String name : one.get(0).trainableNames()) {
            INDArray d1 = after1.get(name).sub(w0.asMap().get(name));
            INDArray d2 = after2.get(name).sub(w0.asMap().get(name));
            assertThat(d2.sub(d1).amaxNumber().doubleValue()).as(name).isLessThan(1e-6);
            assertThat(replica.get(name))
                    .as("replica 1 holds replica 0's weights: " + name)
                    .isEqualTo(after2.get(name));
            moved += d1.amaxNumber().doubleValue() > 1e-7 ? 1 : 0;
        }
        assertThat(moved).as("weights the step moved").isGreaterThan(10);
    }

    @Test
    void dataParallelStepsAreDeterministic() {
        StateDict w0 = ModelInit.init(CFG, 4);
        List<StateDict> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            List<TrainingGraph> two = graphs(2, w0);
            TrainStep dp = step(two);
            for (int s = 0; s < 3; s++) {
                assertThat(dp.run(List.of(A, B), 0, 1.0, s).applied()).isTrue();
            }
            runs.add(two.get(0).weights(w0));
        }
        for (String name : runs.get(0).names()) {
            assertThat(runs.get(1).asMap().get(name))
                    .as(name)
                    .isEqualTo(runs.get(0).asMap().get(name));
        }
    }

    @Test
    void partsRunOneAfterTheOtherGiveTheWholeBatchsUpdate() {
        StateDict w0 = ModelInit.init(CFG, 3);
        // the default loss, with its dense term: each part is normalised by the whole batch's token counts
        TrainingGraph one = TrainingGraph.build(CFG, w0, TrainingOptions.DEFAULT.withDenseHead(true));
        TrainStep whole = step(List.of(one), LossWeights.defaults());
        TrainingGraph acc = TrainingGraph.build(CFG, w0, TrainingOptions.DEFAULT.withDenseHead(true));
        TrainStep accumulating = step(List.of(acc), LossWeights.defaults());
        for (int s = 1; s <= 2; s++) { // the second step starts the accumulation afresh
            TrainStep.Result r1 = whole.run(whole(), 0, 1.0, s);
            TrainStep.Result r2 = accumulating.run(List.of(A, B), 0, 1.0, s);
            assertThat(r1.applied()).isTrue();
            assertThat(r2.applied()).isTrue();
            assertThat(r2.loss()).as("step %d", s).isCloseTo(r1.loss(), within(1e-5 * Math.abs(r1.loss())));
            assertThat(r2.terms().get("loss_dense")).isCloseTo(r1.terms().get("loss_dense"), within(1e-5));
            assertThat(r2.gradNorm()).isCloseTo(r1.gradNorm(), within(1e-4 * r1.gradNorm()));
            Map<String, INDArray> after1 = one.weights(w0).asMap(),
                    after2 = acc.weights(w0).asMap();
            for (String name : one.trainableNames()) {
                INDArray d1 = after1.get(name).sub(w0.asMap().get(name));
                INDArray d2 = after2.get(name).sub(w0.asMap().get(name));
                assertThat(d2.sub(d1).amaxNumber().doubleValue())
                        .as("step %d, %s", s, name)
                        .isLessThan(1e-5);
            }
        }
    }

    @Test
    void aStepNeedsAPart() {
        TrainStep dp = step(graphs(1, ModelInit.init(CFG, 5)));
        assertThatThrownBy(() -> dp.run(List.of(), 0, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one part");
    }

    @Test
    void aRunWithTwoWorkersSplitsEachBatchAndLearns() throws Exception {
        SynthCxr.generate(SynthConfig.of(12, 4), dir.resolve("data"));
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
                        "epochs: {weak: 0, expert: 2}",
                        "batch_images: 3",
                        "workers: 2",
                        "loss: {bce: 1, l1: 5, giou: 2, " + "eos_coef: 0.1}",
                        "batch_norm: train",
                        ""));
        TrainConfig cfg = TrainConfig.load(dir.resolve("run.yaml"));
        assertThat(cfg.workers()).isEqualTo(2);
        Trainer.Summary summary = new Trainer(cfg, TrainListener.SILENT).run();
        assertThat(org.ground4j.core.checkpoint.CheckpointIO.load(summary.best())
                        .provenance())
                .containsEntry("workers", "2");
        List<String> steps = Files.readAllLines(dir.resolve("run/log.jsonl")).stream()
                .filter(l -> l.contains("\"event\":\"step\""))
                .toList();
        int images = GroundingData.load(dir.resolve("data").resolve(SynthCxr.EXPERT))
                .groups()
                .size();
        assertThat(steps).hasSize(2 * ((images + 2) / 3)); // 3 images a step, 2 epochs
        assertThat(steps).allSatisfy(l -> assertThat(l).doesNotContain("skipped"));
        assertThat(Files.readString(dir.resolve("run/run.yaml"))).contains("workers: 2");
        double first = loss(steps.get(0)), last = loss(steps.get(steps.size() - 1));
        assertThat(last).as("loss after 8 steps against the first").isLessThan(first);
    }

    private static double loss(String logLine) {
        int i = logLine.indexOf("\"loss\":") + 7;
        return Double.parseDouble(logLine.substring(i, logLine.indexOf(',', i)));
    }

    @Test
    void partsSplitConsecutiveImagesAndOneWorkerBuildsTheWholeBatch() throws Exception {
        SynthCxr.generate(SynthConfig.of(8, 4), dir.resolve("data"));
        List<Sample> all = SampleJsonl.read(dir.resolve("data").resolve(SynthCxr.EXPERT));
        Path tok = dir.resolve("tokenizer.json");
        TokenizerJson.write(
                tok,
                new WordPieceTrainer(150)
                        .train(all.stream().map(Sample::sentence).toList()));
        GroundingData data = GroundingData.load(dir.resolve("data").resolve(SynthCxr.EXPERT));
        try (SentenceTokenizer t = new SentenceTokenizer(tok, 16)) {
            BatchBuilder builder = new BatchBuilder(64, t, null);
            int n = data.groups().size();
            assertThat(n).isGreaterThanOrEqualTo(3);
            List<PreparedBatch> parts = Trainer.parts(builder, data.groups(), 9, 3);
            List<Long> sizes =
                    parts.stream().map(p -> p.images().pixels().size(0)).toList();
            assertThat(sizes).hasSize(3);
            assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
            assertThat(sizes.get(2) - sizes.get(0)).isBetween(0L, 1L); // as equal as can be, the larger last
            int sentences = parts.stream().mapToInt(PreparedBatch::sentences).sum();
            assertThat(sentences).isEqualTo(all.size());
            List<PreparedBatch> one = Trainer.parts(builder, data.groups(), 9, 1);
            assertThat(one).hasSize(1);
            assertThat(one.get(0).images().pixels())
                    .isEqualTo(builder.build(data.groups(), 9).images().pixels());
            assertThat(Trainer.parts(builder, data.groups().subList(0, 1), 9, 3))
                    .hasSize(1);
        }
    }
}

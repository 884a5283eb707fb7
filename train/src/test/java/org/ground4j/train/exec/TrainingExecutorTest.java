package org.ground4j.train.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.model.BackboneConfig;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.TextEncoderConfig;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.core.model.TransformerConfig;
import org.ground4j.train.Checkpointing;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.loss.SetCriterion;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.matching.Match;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training executor against SameDiff's own training session: the same loss and the same gradients (to float
 * rounding) on every kind of graph the trainer builds, with and without activation checkpointing, from one forward
 * pass; and memory that is given back.
 */
class TrainingExecutorTest {

    private static final int VOCAB = 60;

    /** A graph with its criterion, an executor over it, and one batch's feeds. */
    private static final class Setup {
        final TrainingGraph graph;
        final SetCriterion criterion;
        final List<String> terms = new ArrayList<>();
        final Map<String, INDArray> feed;
        final int[][] ids;
        final List<List<Box>> targets;

        Setup(ModelConfig cfg, double dropout, boolean batchStats, LossWeights loss, int images, int sentences) {
            graph = TrainingGraph.build(
                    cfg,
                    ModelInit.init(cfg, 7),
                    TrainingOptions.DEFAULT
                            .withDropout(dropout)
                            .withDenseHead(loss.dense() > 0)
                            .withBatchNorm(
                                    batchStats ? TrainingOptions.BatchNorm.TRAIN : TrainingOptions.BatchNorm.FROZEN));
            criterion = SetCriterion.attach(graph.sd(), graph.logitNames(), graph.boxNames(), loss);
            TrainingExecutor.gradientFunction(graph.sd()); // created before SameDiff's session needs it
            terms.addAll(criterion.termNames());
            terms.add(SetCriterion.LOSS);
            Random rnd = new Random(11);
            int s = cfg.imageSize();
            Nd4j.getRandom().setSeed(11);
            int[] heights = new int[images], widths = new int[images];
            for (int i = 0; i < images; i++) {
                heights[i] = s;
                widths[i] = i % 2 == 0 ? s : s * 3 / 4; // letterbox padding on every other image
            }
            ImageBatch img = new ImageBatch(Nd4j.rand(DataType.FLOAT, images, 3, s, s), heights, widths);
            int[] index = new int[sentences];
            ids = new int[sentences][7];
            int[][] mask = new int[sentences][7];
            targets = new ArrayList<>();
            for (int i = 0; i < sentences; i++) {
                index[i] = i % images;
                for (int j = 0; j < 7 - i % 3; j++) { // padded text of different lengths
                    ids[i][j] = 4 + rnd.nextInt(VOCAB - 5);
                    mask[i][j] = 1;
                }
                List<Box> t = new ArrayList<>();
                for (int k = 0; k < i % 3; k++) {
                    double x = rnd.nextDouble() * 0.5, y = rnd.nextDouble() * 0.5;
                    t.add(new Box(x, y, x + 0.1 + rnd.nextDouble() * 0.3, y + 0.1 + rnd.nextDouble() * 0.3));
                }
                targets.add(t);
            }
            feed = graph.feed(img, index, new TokenBatch(ids, mask));
        }

        List<String> forwardOutputs() {
            List<String> out = new ArrayList<>(graph.logitNames());
            out.addAll(graph.boxNames());
            out.addAll(graph.batchStatNames());
            return out;
        }

        /** The loss's placeholders for the matching of these outputs. */
        Map<String, INDArray> late(Map<String, INDArray> out) {
            List<List<Match>> matches = new ArrayList<>();
            for (int l = 0; l < graph.logitNames().size(); l++) {
                float[][] logits = out.get(graph.logitNames().get(l)).toFloatMatrix();
                INDArray boxes = out.get(graph.boxNames().get(l));
                List<Match> per = new ArrayList<>();
                for (int i = 0; i < targets.size(); i++) {
                    per.add(HungarianMatcher.defaults()
                            .match(logits[i], boxes.slice(i).toFloatMatrix(), targets.get(i)));
                }
                matches.add(per);
            }
            Map<String, INDArray> late = new HashMap<>(criterion.targets(
                    matches, targets, graph.config().transformer().queries()));
            if (criterion.weights().dense() > 0) {
                late.putAll(criterion.denseTargets(
                        targets, graph.config().featureSide(), feed.get(GrounderModel.IMAGE_BIAS)));
            }
            return late;
        }
    }

    /** Loss terms and gradients of one step, by name. */
    private record Step(Map<String, Double> terms, Map<String, INDArray> grads) {}

    private static Step executor(Setup s, Checkpointing ck, boolean lowered, long seed) {
        try (TrainingExecutor ex = new TrainingExecutor(
                s.graph.sd(), s.forwardOutputs(), s.terms, s.graph.trainableNames(), ck.segments(s.graph), lowered)) {
            Map<String, INDArray> out = ex.forward(s.feed, seed);
            Map<String, INDArray> grads = new HashMap<>();
            Map<String, INDArray> loss = ex.backward(s.late(out), (name, g) -> grads.put(name, g.dup()));
            Map<String, Double> terms = new HashMap<>();
            loss.forEach((k, v) -> terms.put(k, v.getDouble(0)));
            return new Step(terms, grads);
        }
    }

    private static Step sameDiff(Setup s) {
        Map<String, INDArray> out = s.graph.sd().output(s.feed, s.forwardOutputs());
        Map<String, INDArray> all = new HashMap<>(s.feed);
        all.putAll(s.late(out));
        OutAndGrad og = s.graph.sd().calculateGradientsAndOutputs(all, s.terms, s.graph.trainableNames());
        Map<String, Double> terms = new HashMap<>();
        og.getOutputs().forEach((k, v) -> terms.put(k, v.getDouble(0)));
        return new Step(terms, og.getGradients());
    }

    private static void assertSame(Step actual, Step expected, double tolerance) {
        assertThat(actual.terms().keySet()).isEqualTo(expected.terms().keySet());
        expected.terms()
                .forEach((k, v) -> assertThat(actual.terms().get(k))
                        .as(k)
                        .isCloseTo(v, org.assertj.core.api.Assertions.within(tolerance * Math.max(1, Math.abs(v)))));
        assertThat(actual.grads().keySet()).isEqualTo(expected.grads().keySet());
        double largest = 0;
        for (INDArray g : expected.grads().values()) {
            largest = Math.max(largest, g.amaxNumber().doubleValue());
        }
        for (Map.Entry<String, INDArray> e : expected.grads().entrySet()) {
            INDArray want = e.getValue(), got = actual.grads().get(e.getKey());
            assertThat(got.shape()).as(e.getKey()).isEqualTo(want.shape());
            // relative to the tensor's own size, but not below 1e-4 of the largest gradient: the key biases'
            // gradients are zero in exact arithmetic (softmax ignores a shift shared by all keys), rounding noise
            // in both engines
            double scale = Math.max(want.amaxNumber().doubleValue(), 1e-4 * largest);
            double diff = got.sub(want).amaxNumber().doubleValue() / scale;
            assertThat(diff)
                    .as("relative difference of the gradient of %s", e.getKey())
                    .isLessThan(tolerance);
        }
        assertThat(expected.grads()).as("gradients compared").hasSizeGreaterThan(20);
    }

    private static ModelConfig tiny(boolean querySelection, int passthrough, int side) {
        return new ModelConfig(
                new BackboneConfig(18, 4, 3, 1e-5),
                new TextEncoderConfig(VOCAB, 16, 2, 2, 32, 32, 2, 1e-12),
                new TransformerConfig(16, 2, 2, 2, 32, 0.0, 5, querySelection),
                side,
                16,
                passthrough);
    }

    @Test
    void gradientsEqualSameDiffsOnEveryKindOfGraph() {
        record Case(String name, ModelConfig cfg, boolean batchStats, LossWeights loss) {}
        List<Case> cases = List.of(
                new Case("learned queries, DETR loss", tiny(false, 0, 64), false, LossWeights.detr()),
                new Case("learned queries, dense head", tiny(false, 0, 64), false, LossWeights.defaults()),
                new Case("query selection", tiny(true, 0, 64), false, LossWeights.defaults()),
                new Case("passthrough", tiny(true, 8, 64), false, LossWeights.defaults()),
                new Case("batch-statistics BatchNorm", tiny(false, 0, 64), true, LossWeights.defaults()),
                new Case("cpu preset", ModelConfig.cpu(VOCAB), true, LossWeights.defaults()));
        for (Case c : cases) {
            Setup s = new Setup(c.cfg(), 0.0, c.batchStats(), c.loss(), 2, 5);
            Step want = sameDiff(s);
            for (Checkpointing ck : Checkpointing.values()) {
                try {
                    assertSame(executor(s, ck, true, 1), want, 1e-4);
                } catch (AssertionError e) {
                    throw new AssertionError(c.name() + ", checkpointing " + ck + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void thePaperArchitectureGivesSameDiffsGradients() {
        // ResNet-101, BERT-base, DETR's 6 + 6 layers and 100 queries, at a 64 px input to stay small
        ModelConfig paper = ModelConfig.paper();
        ModelConfig cfg = new ModelConfig(
                paper.backbone(),
                new TextEncoderConfig(VOCAB, 768, 12, 12, 3072, 512, 2, 1e-12),
                paper.transformer().withDropout(0.0),
                64,
                16);
        Setup s = new Setup(cfg, 0.0, false, LossWeights.defaults(), 1, 2);
        Step want = sameDiff(s);
        assertSame(executor(s, Checkpointing.NONE, true, 1), want, 1e-4);
        assertSame(executor(s, Checkpointing.ALL, true, 1), want, 1e-4);
    }

    @Test
    void dropoutMasksAreTheSameWhenASegmentIsRecomputed() {
        ModelConfig cfg = tiny(false, 0, 64);
        Setup s = new Setup(
                new ModelConfig(
                        cfg.backbone(),
                        cfg.text(),
                        cfg.transformer().withDropout(0.3),
                        cfg.imageSize(),
                        cfg.maxTextLength()),
                0.3,
                false,
                LossWeights.defaults(),
                2,
                4);
        Step plain = executor(s, Checkpointing.NONE, false, 5);
        // SameDiff's ops one by one, the substitutions, and recomputation all draw the same masks
        assertSame(executor(s, Checkpointing.NONE, true, 5), plain, 1e-4);
        assertSame(executor(s, Checkpointing.ALL, true, 5), plain, 1e-4);
        // and another seed draws others
        assertThat(executor(s, Checkpointing.NONE, true, 6).terms().get(SetCriterion.LOSS))
                .isNotEqualTo(plain.terms().get(SetCriterion.LOSS));
    }

    @Test
    void activationsAreGivenBackAndBuffersReused() {
        Setup s = new Setup(ModelConfig.cpu(VOCAB), 0.0, false, LossWeights.defaults(), 2, 5);
        Map<Checkpointing, MemoryStats> after = new HashMap<>();
        for (Checkpointing ck : Checkpointing.values()) {
            try (TrainingExecutor ex = new TrainingExecutor(
                    s.graph.sd(), s.forwardOutputs(), s.terms, s.graph.trainableNames(), ck.segments(s.graph))) {
                long allocated = 0;
                for (int step = 0; step < 3; step++) {
                    Map<String, INDArray> out = ex.forward(s.feed, step);
                    ex.backward(s.late(out), (name, g) -> {});
                    if (step == 1) {
                        allocated = ex.memory().allocations();
                    }
                }
                MemoryStats m = ex.memory();
                assertThat(m.allocations())
                        .as("a step of the same shapes allocates nothing new")
                        .isEqualTo(allocated);
                assertThat(m.peakPoolBytes()).isGreaterThanOrEqualTo(m.peakLiveBytes());
                assertThat(m.fixedBytes()).isGreaterThan(0);
                after.put(ck, m);
            }
        }
        assertThat(after.get(Checkpointing.BACKBONE).peakLiveBytes())
                .isLessThan(after.get(Checkpointing.NONE).peakLiveBytes());
        assertThat(after.get(Checkpointing.ALL).peakLiveBytes())
                .isLessThan(after.get(Checkpointing.BACKBONE).peakLiveBytes());
        assertThat(after.get(Checkpointing.NONE).recomputedOps()).isZero();
        assertThat(after.get(Checkpointing.ALL).recomputedOps())
                .isGreaterThan(after.get(Checkpointing.BACKBONE).recomputedOps());
    }

    @Test
    void misuseIsRefusedWithTheReason() {
        Setup s = new Setup(tiny(false, 0, 64), 0.0, false, LossWeights.detr(), 1, 2);
        try (TrainingExecutor ex =
                new TrainingExecutor(s.graph.sd(), s.forwardOutputs(), s.terms, s.graph.trainableNames(), List.of())) {
            assertThatThrownBy(() -> ex.backward(Map.of(), (n, g) -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("forward pass first");
            Map<String, INDArray> partial = new HashMap<>(s.feed);
            partial.remove("input_ids");
            assertThatThrownBy(() -> ex.forward(partial, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("placeholder input_ids");
            Map<String, INDArray> out = ex.forward(s.feed, 1);
            assertThatThrownBy(() -> ex.backward(Map.of(), (n, g) -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was not fed");
            // a failed step leaves the executor usable
            Map<String, INDArray> again = ex.forward(s.feed, 1);
            assertThat(ex.backward(s.late(again), (n, g) -> {})).containsKey(SetCriterion.LOSS);
            assertThat(out).isNotEmpty();
        }
        assertThatThrownBy(() -> new TrainingExecutor(
                        s.graph.sd(), List.of("no_such_output"), s.terms, s.graph.trainableNames(), List.of()))
                .hasMessageContaining("no_such_output");
    }
}

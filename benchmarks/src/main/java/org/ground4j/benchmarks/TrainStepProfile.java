package org.ground4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.train.Checkpointing;
import org.ground4j.train.PreparedBatch;
import org.ground4j.train.TrainStep;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Time of one training step of a configuration (random data), split into the forward pass and the rest, where its
 * memory goes, and the time of each kind of op over one more step (slowest first).
 *
 * <pre>
 * OMP_NUM_THREADS=2 java -cp ... org.ground4j.benchmarks.TrainStepProfile cpu 3 4 14 none
 * </pre>
 * Arguments: preset (tiny, cpu, paper), timed steps (3), images per step (4), sentences per step (14),
 * checkpointing (none, backbone, all). {@code -DfrozenBackbone=true} sets the backbone's learning rate to 0 (its
 * gradients are then skipped); {@code -Ddropout=P} overrides the preset's transformer dropout.
 */
public final class TrainStepProfile {

    private TrainStepProfile() {}

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "cpu";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int sentences = args.length > 3 ? Integer.parseInt(args[3]) : 14;
        Checkpointing ck = Checkpointing.valueOf((args.length > 4 ? args[4] : "none").toUpperCase(Locale.ROOT));
        ModelConfig cfg = preset.equals("tiny")
                ? ModelConfig.tiny(800)
                : preset.equals("paper") ? ModelConfig.paper() : ModelConfig.cpu(800);
        double dropout = Double.parseDouble(
                System.getProperty("dropout", Double.toString(cfg.transformer().dropout())));
        LossWeights loss = LossWeights.defaults();
        TrainingGraph graph = TrainingGraph.build(
                cfg,
                ModelInit.init(cfg, 1),
                TrainingOptions.DEFAULT.withDropout(dropout).withDenseHead(loss.dense() > 0));
        ParamGroups groups =
                Boolean.getBoolean("frozenBackbone") ? new ParamGroups(0, 5e-5, 1e-4, 0, 0.1) : ParamGroups.mdetr();
        try (TrainStep step = new TrainStep(
                List.of(graph),
                loss,
                HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1e-8, 1e-4),
                groups,
                0.1,
                ck)) {
            PreparedBatch batch = batch(cfg, images, sentences, 12);
            for (int i = 0; i < runs + 1; i++) {
                TrainStep.Result r = step.run(batch, 0, 1.0, i);
                System.out.printf(
                        Locale.ROOT,
                        "step %d: %.0f ms (forward %.0f ms, step / forward %.2f)%n",
                        i,
                        r.stepNanos() / 1e6,
                        r.forwardNanos() / 1e6,
                        (double) r.stepNanos() / r.forwardNanos());
            }
            TrainStep.Memory m = step.memory();
            System.out.printf(
                    Locale.ROOT,
                    "memory (MiB): weights %.0f, AdamW %.0f, gradients %.0f, activations %.0f, "
                            + "idle buffers %.0f, total %.0f%n",
                    m.weights() / 1048576.0,
                    m.optimizer() / 1048576.0,
                    m.gradients() / 1048576.0,
                    m.activations() / 1048576.0,
                    m.workspace() / 1048576.0,
                    m.total() / 1048576.0);
            step.profile(true);
            int profiled = Math.max(1, runs);
            for (int i = 0; i < profiled; i++) {
                step.run(batch, 0, 1.0, 99 + i);
            }
            System.out.printf(Locale.ROOT, "op times, mean of %d steps:%n", profiled);
            for (Map.Entry<String, Long> e :
                    step.opNanos().entrySet().stream().limit(30).toList()) {
                System.out.printf(Locale.ROOT, "  %-32s %8.1f ms%n", e.getKey(), e.getValue() / 1e6 / profiled);
            }
        }
    }

    static PreparedBatch batch(ModelConfig cfg, int images, int sentences, int tokens) {
        Random rnd = new Random(3);
        int s = cfg.imageSize();
        Nd4j.getRandom().setSeed(3);
        ImageBatch img =
                new ImageBatch(Nd4j.rand(DataType.FLOAT, images, 3, s, s), filled(images, s), filled(images, s));
        int[] index = new int[sentences];
        int[][] ids = new int[sentences][tokens], mask = new int[sentences][tokens];
        List<List<Box>> targets = new ArrayList<>();
        List<Letterbox> lb = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            lb.add(Letterbox.of(s, s, s));
        }
        for (int i = 0; i < sentences; i++) {
            index[i] = i % images;
            for (int j = 0; j < tokens; j++) {
                ids[i][j] = 5 + rnd.nextInt(700);
                mask[i][j] = 1;
            }
            List<Box> t = new ArrayList<>();
            for (int k = 0; k < i % 3; k++) {
                double x = rnd.nextDouble() * 0.6, y = rnd.nextDouble() * 0.6;
                t.add(new Box(x, y, x + 0.1 + rnd.nextDouble() * 0.3, y + 0.1 + rnd.nextDouble() * 0.3));
            }
            targets.add(t);
        }
        return new PreparedBatch(img, lb, index, new TokenBatch(ids, mask), targets, List.of());
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}

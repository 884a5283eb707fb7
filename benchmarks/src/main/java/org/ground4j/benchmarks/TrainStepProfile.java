package org.ground4j.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.train.PreparedBatch;
import org.ground4j.train.TrainStep;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.listeners.profiler.comparison.ProfileAnalyzer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Time of one training step of a configuration (4 images, 14 sentences of 12 tokens, random data), split into the
 * matching forward pass and the rest, then SameDiff's per-op profile of one step (top ops by time).
 *
 * <pre>
 * OMP_NUM_THREADS=2 java -cp ... org.ground4j.benchmarks.TrainStepProfile cpu 3 /tmp/profile.json
 * </pre>
 * Arguments: preset, timed steps, profile file, images per step (4), sentences per step (14).
 * {@code -DfrozenBackbone=true} sets the backbone's learning rate to 0 (its gradients are then skipped);
 * {@code -Dground4j.profileStep=true} prints each step's phases.
 */
public final class TrainStepProfile {

    private TrainStepProfile() {
    }

    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "cpu";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        File profile = new File(args.length > 2 ? args[2] : "train-step-profile.json");
        ModelConfig cfg = preset.equals("tiny") ? ModelConfig.tiny(800) : preset.equals("paper") ? ModelConfig.paper()
                : ModelConfig.cpu(800);
        TrainingGraph graph = TrainingGraph.build(cfg, ModelInit.init(cfg, 1), 0.0);
        TrainStep step = new TrainStep(graph, LossWeights.defaults(), HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1e-8, 1e-4),
                Boolean.getBoolean("frozenBackbone") ? new ParamGroups(0, 5e-5, 1e-4, 0, 0.1) : ParamGroups.mdetr(), 0.1);
        int images = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int sentences = args.length > 4 ? Integer.parseInt(args[4]) : 14;
        PreparedBatch batch = batch(cfg, images, sentences, 12);
        for (int i = 0; i < runs + 1; i++) {
            TrainStep.Result r = step.run(batch, 0, 1.0, i);
            System.out.printf(Locale.ROOT, "step %d: %.0f ms (matching forward %.0f ms, ratio %.2f)%n", i,
                    r.stepNanos() / 1e6, r.forwardNanos() / 1e6, (double) r.stepNanos() / r.forwardNanos());
        }
        graph.sd().setListeners(ProfilingListener.builder(profile).build());
        step.run(batch, 0, 1.0, 99);
        graph.sd().setListeners();
        String summary = ProfileAnalyzer.summarizeProfileStr(profile, ProfileAnalyzer.ProfileFormat.SAMEDIFF);
        summary.lines().limit(45).forEach(System.out::println);
    }

    static PreparedBatch batch(ModelConfig cfg, int images, int sentences, int tokens) {
        Random rnd = new Random(3);
        int s = cfg.imageSize();
        Nd4j.getRandom().setSeed(3);
        ImageBatch img = new ImageBatch(Nd4j.rand(DataType.FLOAT, images, 3, s, s), filled(images, s), filled(images, s));
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

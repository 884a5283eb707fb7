package org.ground4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.train.Checkpointing;
import org.ground4j.train.PreparedBatch;
import org.ground4j.train.TrainStep;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;

/**
 * The paper configuration's training step, ours against PyTorch's ({@link TorchTrainPeer}), alternating step by
 * step in one measurement on the same batch (random pixels, 12-token sentences, 0-2 boxes each, as
 * {@link TrainStepProfile}), the same thread count, with the same activation checkpointing on both sides. Each
 * engine is one process, so each peak resident memory (VmHWM) is its own. Our row's note also gives the peak of
 * live ND4J arrays (what bounds GPU memory under the {@code cuda} profile) and where the memory goes.
 */
final class TrainPeerComparison {

    private final BenchOptions o;
    private final int threads;

    TrainPeerComparison(BenchOptions options, int threads) {
        this.o = options;
        this.threads = threads;
    }

    List<Measurement> run(int images, int sentences, Checkpointing ck) {
        ModelConfig cfg = ModelConfig.paper();
        String ckName = ck.name().toLowerCase(Locale.ROOT);
        String row = "train step, paper (" + images + " images, " + sentences + " sentences), checkpointing " + ckName;
        double dropout = cfg.transformer().dropout();
        LossWeights loss = LossWeights.defaults();
        StateDict w = ModelInit.init(cfg, 1);
        TrainingGraph graph = TrainingGraph.build(
                cfg, w, TrainingOptions.DEFAULT.withDropout(dropout).withDenseHead(loss.dense() > 0));
        w = null; // the graph holds its own copy: let the initial weights go
        List<Measurement> out = new ArrayList<>();
        PreparedBatch batch = TrainStepProfile.batch(cfg, images, sentences, 12);
        TorchTrainPeer torch = null;
        try {
            torch = new TorchTrainPeer(o.python, o.trainWorker, threads, dropout, ck);
            torch.batch(batch);
        } catch (IllegalStateException e) {
            out.add(Measurement.failed(row, "train-peers", "PyTorch", threads, e.getMessage()));
            torch = null;
        }
        double flops = Workloads.trainFlops(cfg, images, sentences, 12);
        try (TrainStep step = new TrainStep(
                List.of(graph),
                loss,
                HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1e-8, 1e-4),
                ParamGroups.mdetr(),
                0.1,
                ck)) {
            int warmup = Math.max(1, Math.min(o.warmup, 2));
            long seed = 0;
            for (int i = 0; i < warmup; i++) {
                Timing.collect();
                step.run(batch, 0, 1.0, seed++);
                if (torch != null) {
                    torch.step();
                }
            }
            step.resetMemoryPeaks();
            double[] oursMs = new double[o.trainRuns], oursFwd = new double[o.trainRuns];
            double[] torchMs = new double[o.trainRuns], torchFwd = new double[o.trainRuns];
            double torchLoss = Double.NaN;
            for (int i = 0; i < o.trainRuns; i++) {
                Timing.collect();
                TrainStep.Result r = step.run(batch, 0, 1.0, seed++);
                oursMs[i] = r.stepNanos() / 1e6;
                oursFwd[i] = r.forwardNanos() / 1e6;
                if (torch != null) {
                    TorchTrainPeer.Step t = torch.step();
                    torchMs[i] = t.ms();
                    torchFwd[i] = t.forwardMs();
                    torchLoss = t.loss();
                }
            }
            TrainStep.Memory m = step.memory();
            out.add(
                    0,
                    new Measurement(
                            row,
                            "train-peers",
                            Workloads.OURS,
                            threads,
                            oursMs,
                            flops,
                            -1,
                            images,
                            String.format(
                                    Locale.ROOT,
                                    "forward %.0f ms, step / forward %.2f; peak live ND4J arrays %s MiB "
                                            + "(weights %s, AdamW %s, gradients %s, activations %s, idle buffers %s)",
                                    median(oursFwd),
                                    median(oursMs) / median(oursFwd),
                                    mib(m.total()),
                                    mib(m.weights()),
                                    mib(m.optimizer()),
                                    mib(m.gradients()),
                                    mib(m.activations()),
                                    mib(m.workspace()))));
            if (torch != null) {
                out.add(new Measurement(
                        row,
                        "train-peers",
                        torch.engine,
                        threads,
                        torchMs,
                        flops,
                        torch.peakRssKib(),
                        images,
                        String.format(
                                Locale.ROOT,
                                "forward %.0f ms, step / forward %.2f; loss %.3f; separate " + "process",
                                median(torchFwd),
                                median(torchMs) / median(torchFwd),
                                torchLoss)));
            }
        } finally {
            if (torch != null) {
                torch.close();
            }
        }
        return out;
    }

    private static double median(double[] v) {
        return new Timing.Stats(Arrays.copyOf(v, v.length)).median();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }
}

package org.ground4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.NativeMemory;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.train.exec.MemoryStats;
import org.ground4j.train.exec.TrainingExecutor;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.loss.SetCriterion;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.matching.Match;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.GradientClipping;
import org.ground4j.train.optim.ParamGroups;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One optimisation step, as DETR's engine does it: forward, Hungarian matching of every decoder layer's
 * predictions on the host, loss and gradients, gradient clipping, AdamW. Each graph runs on a
 * {@link TrainingExecutor}: one forward pass per step (the matching reads its decoder outputs, and the loss and
 * the backward continue from its activations), every activation freed after its last use, and optionally
 * activation checkpointing ({@link Checkpointing}).
 *
 * <p><b>Parts.</b> A step's batch may come in several parts. They run on the graph replicas, as many at once as
 * there are replicas (each on its own thread, as PyTorch's DistributedDataParallel runs DETR), and one after the
 * other beyond that (gradient accumulation). Each part's set terms are divided by the whole batch's box count (at
 * least 1) and its dense term by the whole batch's token counts, and the parts' gradients and loss terms are
 * summed: the update is the one the whole batch would give in one part, whatever the number of parts and
 * replicas ({@code DataParallelTest}, {@code AccumulationTest}). Only BatchNorm on batch statistics differs: each
 * part normalises by its own statistics (as DDP does), and the running averages take the parts' mean.
 */
public final class TrainStep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainStep.class);

    /**
     * What a step did.
     *
     * @param applied       false when the loss or a gradient was not finite (the weights were left alone)
     * @param loss          total loss
     * @param terms         every named loss term
     * @param gradNorm      global gradient norm before clipping
     * @param forwardNanos  time of the forward passes (the slowest replica's, summed over accumulated parts)
     * @param stepNanos     time of the whole step
     */
    public record Result(
            boolean applied,
            double loss,
            Map<String, Double> terms,
            double gradNorm,
            long forwardNanos,
            long stepNanos) {}

    /**
     * Where a step's memory goes, in bytes.
     *
     * @param weights     parameters and constants of the graphs
     * @param optimizer   AdamW's moments
     * @param gradients   the gradient accumulators (one per parameter and replica) of a step in several parts; a step
     *                    in one part uses the executor's own gradient arrays (part of {@code activations})
     * @param activations most bytes of activations and transient gradients alive at once (all replicas)
     * @param workspace   idle buffers the executors keep for reuse, at their peak
     */
    public record Memory(long weights, long optimizer, long gradients, long activations, long workspace) {
        public long total() {
            return weights + optimizer + gradients + activations + workspace;
        }
    }

    /** PyTorch's BatchNorm momentum, for the running statistics under batch-statistics BatchNorm. */
    static final double BN_MOMENTUM = 0.1;

    private final List<TrainingGraph> replicas;
    private final List<SetCriterion> criteria = new ArrayList<>();
    private final List<TrainingExecutor> executors = new ArrayList<>();
    /** Per replica: parameter -> the sum of its gradients over this step's parts on that replica. */
    private final List<Map<String, INDArray>> accumulated = new ArrayList<>();

    private final HungarianMatcher matcher;
    private final AdamW optimizer;
    private final ParamGroups groups;
    private final double gradClip;
    private final List<String> trainable;
    private final List<String> forwardOutputs = new ArrayList<>();
    private final List<String> terms = new ArrayList<>();
    private final ExecutorService pool; // null with one replica
    /** Whether the last step's gradients were accumulators of this class's own (not the executor's arrays). */
    private boolean ownGradients;

    public TrainStep(
            TrainingGraph graph,
            LossWeights weights,
            HungarianMatcher matcher,
            AdamW optimizer,
            ParamGroups groups,
            double gradClip) {
        this(List.of(graph), weights, matcher, optimizer, groups, gradClip, Checkpointing.NONE);
    }

    /**
     * @param replicas      graphs of the same configuration and weights; as many parts of a batch run at once
     * @param checkpointing which activations are recomputed in the backward instead of kept
     */
    public TrainStep(
            List<TrainingGraph> replicas,
            LossWeights weights,
            HungarianMatcher matcher,
            AdamW optimizer,
            ParamGroups groups,
            double gradClip,
            Checkpointing checkpointing) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a training step needs at least one graph");
        }
        this.replicas = List.copyOf(replicas);
        TrainingGraph graph = this.replicas.get(0);
        this.matcher = matcher;
        this.optimizer = optimizer;
        this.groups = groups;
        this.gradClip = gradClip;
        // a group with learning rate 0 is frozen: its gradients are not even computed
        this.trainable =
                graph.trainableNames().stream().filter(n -> groups.lr(n, 0) > 0).toList();
        forwardOutputs.addAll(graph.logitNames());
        forwardOutputs.addAll(graph.boxNames());
        forwardOutputs.addAll(graph.batchStatNames());
        for (TrainingGraph g : this.replicas) {
            SetCriterion c = SetCriterion.attach(g.sd(), g.logitNames(), g.boxNames(), weights);
            criteria.add(c);
            if (terms.isEmpty()) {
                terms.addAll(c.termNames());
                terms.add(SetCriterion.LOSS);
            }
            executors.add(new TrainingExecutor(g.sd(), forwardOutputs, terms, trainable, checkpointing.segments(g)));
            accumulated.add(new HashMap<>());
        }
        if (this.replicas.size() > 1) {
            ThreadPoolExecutor p = new ThreadPoolExecutor(
                    this.replicas.size() - 1,
                    this.replicas.size() - 1,
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "ground4j-replica");
                        t.setDaemon(true);
                        return t;
                    });
            p.allowCoreThreadTimeOut(true); // idle threads end: nothing to close
            this.pool = p;
        } else {
            this.pool = null;
        }
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Number of graph replicas: the most parts of a batch that run at once. */
    public int replicas() {
        return replicas.size();
    }

    /**
     * @param epoch      current epoch (for the learning-rate drop)
     * @param lrFactor   warm-up factor in (0,1]
     * @param dropoutSeed seed of this step's dropout masks
     */
    public Result run(PreparedBatch batch, int epoch, double lrFactor, long dropoutSeed) {
        return run(List.of(batch), epoch, lrFactor, dropoutSeed);
    }

    /**
     * One step over a batch given in parts: {@link #replicas()} parts at a time, one per replica and thread, and
     * the next ones after those (their gradients accumulated).
     *
     * @param parts at least one part of the batch
     */
    public Result run(List<PreparedBatch> parts, int epoch, double lrFactor, long dropoutSeed) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a step takes at least one part");
        }
        try {
            return step(parts, epoch, lrFactor, dropoutSeed);
        } finally {
            NativeMemory.afterPass();
        }
    }

    /** What a step's arrays took, by kind; the executors' peaks since they were created or last reset. */
    public Memory memory() {
        long weights = 0, activations = 0, workspace = 0, gradients = 0;
        for (TrainingExecutor ex : executors) {
            MemoryStats m = ex.memory();
            weights += m.fixedBytes();
            activations += m.peakLiveBytes();
            workspace += m.peakPoolBytes() - m.peakLiveBytes();
        }
        for (Map<String, INDArray> acc : accumulated) {
            for (INDArray a : acc.values()) {
                gradients += ownGradients ? a.length() * a.dataType().width() : 0;
            }
        }
        long opt = 0;
        for (INDArray a : optimizer.state().asMap().values()) {
            opt += a.length() * a.dataType().width();
        }
        return new Memory(weights, opt, gradients, activations, workspace);
    }

    /** Switches per-op timing on or off in every replica's executor ({@link TrainingExecutor#profile}). */
    public void profile(boolean on) {
        executors.forEach(e -> e.profile(on));
    }

    /** Op times summed over the replicas since {@link #profile} was switched on, slowest first. */
    public Map<String, Long> opNanos() {
        Map<String, Long> sum = new HashMap<>();
        for (TrainingExecutor e : executors) {
            e.opTimes().forEach((k, v) -> sum.merge(k, v.nanos(), Long::sum));
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        sum.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Frees the buffers the executors keep idle for the next step (they are allocated again when it runs): before
     * something else that needs memory, such as a validation pass.
     */
    public void releaseIdleBuffers() {
        executors.forEach(TrainingExecutor::releaseIdleBuffers);
    }

    /** Starts the executors' memory peaks anew (to measure a later step alone). */
    public void resetMemoryPeaks() {
        executors.forEach(TrainingExecutor::resetPeaks);
    }

    /** One part's outcome: its loss terms, BatchNorm statistics and forward time; null terms when not finite. */
    private record Part(Map<String, Double> terms, Map<String, INDArray> stats, long forwardNanos) {}

    private Result step(List<PreparedBatch> parts, int epoch, double lrFactor, long dropoutSeed) {
        long t0 = System.nanoTime();
        TrainingGraph g0 = replicas.get(0);
        List<Map<String, INDArray>> feeds = new ArrayList<>();
        for (PreparedBatch b : parts) {
            feeds.add(g0.feed(b.images(), b.imageIndex(), b.text()));
        }
        Totals totals = Totals.of(
                parts, feeds, g0.config().featureSide(), criteria.get(0).weights());
        List<Part> done = new ArrayList<>(Collections.nCopies(parts.size(), null));
        long forward = 0;
        int width = replicas.size();
        for (int from = 0; from < parts.size(); from += width) {
            int first = from;
            int to = Math.min(parts.size(), from + width);
            List<Future<Part>> pending = new ArrayList<>();
            for (int k = first + 1; k < to; k++) {
                int p = k;
                pending.add(pool.submit(() -> part(
                        p - first, parts.get(p), feeds.get(p), totals, first == 0, false, partSeed(dropoutSeed, p))));
            }
            done.set(
                    first,
                    part(
                            0,
                            parts.get(first),
                            feeds.get(first),
                            totals,
                            first == 0,
                            parts.size() == 1,
                            partSeed(dropoutSeed, first)));
            for (int k = first + 1; k < to; k++) {
                done.set(k, Futures.await(pending.get(k - first - 1), "a replica's gradients"));
            }
            long slowest = 0;
            for (int k = first; k < to; k++) {
                slowest = Math.max(slowest, done.get(k).forwardNanos());
            }
            forward += slowest;
            for (int k = first; k < to; k++) {
                if (done.get(k).terms() == null) { // no matching on NaN predictions: skip the step
                    return new Result(false, Double.NaN, Map.of(), Double.NaN, forward, System.nanoTime() - t0);
                }
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : terms) {
            double sum = 0;
            for (Part p : done) {
                sum += p.terms().get(t);
            }
            values.put(t, sum);
        }
        double loss = values.get(SetCriterion.LOSS);
        ownGradients = parts.size() > 1;
        Map<String, INDArray> grads = accumulated.get(0);
        int used = Math.min(width, parts.size());
        for (int r = 1; r < used; r++) {
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                e.getValue().addi(accumulated.get(r).get(e.getKey()));
            }
        }
        double norm = GradientClipping.clip(grads, gradClip);
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            return new Result(false, loss, values, norm, forward, System.nanoTime() - t0);
        }
        SameDiff sd = replicas.get(0).sd();
        Map<String, INDArray> params = new HashMap<>();
        for (String name : grads.keySet()) {
            params.put(name, sd.getVariable(name).getArr());
        }
        long to = System.nanoTime();
        optimizer.step(params, grads, name -> groups.lr(name, epoch) * lrFactor);
        for (int r = 1; r < replicas.size(); r++) { // every replica starts the next step from the same weights
            SameDiff other = replicas.get(r).sd();
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                other.getVariable(e.getKey()).getArr().assign(e.getValue());
            }
        }
        replicas.get(0).updateRunningStats(averageStats(done), BN_MOMENTUM);
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "step: forward {} ms, whole step {} ms, optimiser {} ms",
                    forward / 1_000_000,
                    (System.nanoTime() - t0) / 1_000_000,
                    (System.nanoTime() - to) / 1_000_000);
        }
        return new Result(true, loss, values, norm, forward, System.nanoTime() - t0);
    }

    /**
     * One part on replica {@code r}: forward, matching, loss and backward; its gradients go into the replica's
     * accumulators (replacing them for the first parts of a step), or, for a batch that is one part ({@code alone}),
     * stay in the executor's arrays until the next step.
     */
    private Part part(
            int r,
            PreparedBatch batch,
            Map<String, INDArray> feed,
            Totals totals,
            boolean firstRound,
            boolean alone,
            long seed) {
        TrainingGraph graph = replicas.get(r);
        SetCriterion criterion = criteria.get(r);
        TrainingExecutor ex = executors.get(r);
        long t0 = System.nanoTime();
        Map<String, INDArray> out = ex.forward(feed, seed);
        long forward = System.nanoTime() - t0;
        for (INDArray o : out.values()) {
            if (o.isNaN().any() || o.isInfinite().any()) {
                return new Part(null, Map.of(), forward);
            }
        }
        int layers = graph.logitNames().size(), n = batch.sentences();
        int queries = graph.config().transformer().queries();
        List<List<Match>> matches = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            float[][] logits = out.get(graph.logitNames().get(l)).toFloatMatrix();
            INDArray boxes = out.get(graph.boxNames().get(l));
            List<Match> perSample = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[][] b = boxes.slice(i).toFloatMatrix();
                perSample.add(matcher.match(logits[i], b, batch.targets().get(i)));
            }
            matches.add(perSample);
        }
        Map<String, INDArray> late =
                new HashMap<>(criterion.targets(matches, batch.targets(), queries, totals.boxes()));
        if (criterion.weights().dense() > 0) {
            late.putAll(criterion.denseTargets(
                    batch.targets(), graph.config().featureSide(), feed.get(GrounderModel.IMAGE_BIAS), totals.dense()));
        }
        Map<String, INDArray> acc = accumulated.get(r);
        Map<String, INDArray> lossOut;
        if (alone) { // the whole batch in one part: the executor's own gradient arrays are the step's
            acc.clear();
            lossOut = ex.backward(late, acc::put, true);
        } else {
            lossOut = ex.backward(late, (name, g) -> {
                INDArray a = acc.get(name);
                if (a == null) {
                    acc.put(name, g.dup('c'));
                } else if (firstRound) {
                    a.assign(g);
                } else {
                    a.addi(g);
                }
            });
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : terms) {
            values.put(t, lossOut.get(t).getDouble(0));
        }
        Map<String, INDArray> stats = new HashMap<>();
        for (String s : graph.batchStatNames()) {
            stats.put(s, out.get(s).dup());
        }
        return new Part(values, stats, forward);
    }

    /** The parts' BatchNorm batch statistics, averaged (the first part's own with one part). */
    private Map<String, INDArray> averageStats(List<Part> done) {
        if (done.size() == 1) {
            return done.get(0).stats();
        }
        Map<String, INDArray> avg = new HashMap<>();
        for (String name : replicas.get(0).batchStatNames()) {
            INDArray sum = done.get(0).stats().get(name).dup();
            for (int r = 1; r < done.size(); r++) {
                sum.addi(done.get(r).stats().get(name));
            }
            avg.put(name, sum.divi(done.size()));
        }
        return avg;
    }

    /**
     * The whole batch's normalisers: its box count (at least 1) for the set terms, and its real image tokens
     * inside and outside the gold boxes for the dense term.
     */
    record Totals(double boxes, SetCriterion.DenseCounts dense) {
        static Totals of(List<PreparedBatch> parts, List<Map<String, INDArray>> feeds, int grid, LossWeights w) {
            int boxes = 0;
            SetCriterion.DenseCounts dense = SetCriterion.DenseCounts.NONE;
            for (int p = 0; p < parts.size(); p++) {
                for (List<Box> t : parts.get(p).targets()) {
                    boxes += t.size();
                }
                if (w.dense() > 0) {
                    dense = dense.plus(SetCriterion.denseCounts(
                            parts.get(p).targets(), grid, feeds.get(p).get(GrounderModel.IMAGE_BIAS)));
                }
            }
            return new Totals(Math.max(1.0, boxes), dense);
        }
    }

    /** Part 0 keeps the step's seed, so that one part draws exactly what a whole batch drew. */
    static long partSeed(long seed, int part) {
        return part == 0 ? seed : Trainer.mix(seed, part, 11);
    }

    /** Frees the executors' buffers. */
    @Override
    public void close() {
        executors.forEach(TrainingExecutor::close);
        if (pool != null) {
            pool.shutdown();
        }
    }
}

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
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.NativeMemory;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.loss.SetCriterion;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.matching.Match;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.GradientClipping;
import org.ground4j.train.optim.ParamGroups;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimisation step, as DETR's engine does it: forward, Hungarian matching of every decoder layer's
 * predictions on the host, loss and gradients, gradient clipping, AdamW. Matching needs the predictions before
 * the loss exists, and SameDiff 1.0.0-M2.1 cannot keep activations between two calls, so a step costs a
 * forward for matching plus a forward-and-backward for the gradients; both times are measured.
 * {@code -Dground4j.profileStep=true} prints the time of each phase (forward, gradients, optimiser) to stderr.
 *
 * <p><b>Data parallel.</b> Built over several replicas of the training graph (same weights), a step takes one
 * part of the batch per replica and runs them on as many threads at once, as PyTorch's DistributedDataParallel
 * does with DETR: each part is matched on its own, its set terms are divided by the batch's box count over the
 * number of parts (at least 1), the parts' gradients, loss terms and BatchNorm batch statistics are averaged,
 * and the optimiser updates the first replica, whose weights are then copied to the others. Without batch
 * statistics and with the dense term off, the averaged gradient is the whole batch's gradient
 * ({@code DataParallelTest}); with batch statistics each part normalises by its own, as DDP does.
 */
public final class TrainStep {

    /**
     * What a step did.
     *
     * @param applied       false when the loss or a gradient was not finite (the weights were left alone)
     * @param loss          total loss
     * @param terms         every named loss term
     * @param gradNorm      global gradient norm before clipping
     * @param forwardNanos  time of the matching forward pass (the slowest part's)
     * @param stepNanos     time of the whole step
     */
    public record Result(boolean applied, double loss, Map<String, Double> terms, double gradNorm, long forwardNanos,
            long stepNanos) {
    }

    /** PyTorch's BatchNorm momentum, for the running statistics under batch-statistics BatchNorm. */
    static final double BN_MOMENTUM = 0.1;

    private final List<TrainingGraph> replicas;
    private final List<SetCriterion> criteria = new ArrayList<>();
    private final HungarianMatcher matcher;
    private final AdamW optimizer;
    private final ParamGroups groups;
    private final double gradClip;
    private final List<String> trainable;
    private final List<String> outputs = new ArrayList<>();
    private final List<String> terms = new ArrayList<>();
    private final ExecutorService pool; // null with one replica

    public TrainStep(TrainingGraph graph, LossWeights weights, HungarianMatcher matcher, AdamW optimizer,
            ParamGroups groups, double gradClip) {
        this(List.of(graph), weights, matcher, optimizer, groups, gradClip);
    }

    /**
     * @param replicas graphs of the same configuration and weights, one per part of a batch
     */
    public TrainStep(List<TrainingGraph> replicas, LossWeights weights, HungarianMatcher matcher, AdamW optimizer,
            ParamGroups groups, double gradClip) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a training step needs at least one graph");
        }
        this.replicas = List.copyOf(replicas);
        for (TrainingGraph g : this.replicas) {
            criteria.add(SetCriterion.attach(g.sd(), g.logitNames(), g.boxNames(), weights));
            buildGradientGraph(g.sd());
        }
        TrainingGraph graph = this.replicas.get(0);
        this.matcher = matcher;
        this.optimizer = optimizer;
        this.groups = groups;
        this.gradClip = gradClip;
        // a group with learning rate 0 is frozen: its gradients are not even computed
        this.trainable = graph.trainableNames().stream().filter(n -> groups.lr(n, 0) > 0).toList();
        outputs.addAll(graph.logitNames());
        outputs.addAll(graph.boxNames());
        outputs.addAll(graph.batchStatNames());
        terms.addAll(criteria.get(0).termNames());
        terms.add(SetCriterion.LOSS);
        if (this.replicas.size() > 1) {
            ThreadPoolExecutor p = new ThreadPoolExecutor(this.replicas.size() - 1, this.replicas.size() - 1, 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
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

    /**
     * Builds the backward graph now, with standard output silenced: SameDiff 1.0.0-M2.1 prints one line per
     * differentiated op to {@code System.out}, which would corrupt the command line's output.
     */
    private static void buildGradientGraph(SameDiff sd) {
        synchronized (System.class) {
            java.io.PrintStream saved = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(saved);
            }
        }
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Number of graph replicas: the most parts a batch can be split into. */
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
     * One step over a batch given in parts, each on its own replica and thread.
     *
     * @param parts between one and {@link #replicas()} parts of the batch
     */
    public Result run(List<PreparedBatch> parts, int epoch, double lrFactor, long dropoutSeed) {
        if (parts.isEmpty() || parts.size() > replicas.size()) {
            throw new IllegalArgumentException("a step takes 1 to " + replicas.size() + " parts, got " + parts.size());
        }
        try {
            return step(parts, epoch, lrFactor, dropoutSeed);
        } finally {
            NativeMemory.collect(); // a step allocates ~1.4 GB off-heap (CPU configuration)
        }
    }

    /** One part's forward, matching and gradients; {@code grads} null when its predictions were not finite. */
    private record Part(Map<String, INDArray> out, Map<String, Double> terms, Map<String, INDArray> grads,
            long forwardNanos, long gradNanos) {
    }

    private Result step(List<PreparedBatch> parts, int epoch, double lrFactor, long dropoutSeed) {
        long t0 = System.nanoTime();
        int boxes = 0;
        for (PreparedBatch b : parts) {
            for (List<?> t : b.targets()) {
                boxes += t.size();
            }
        }
        double numBoxes = Math.max(1.0, boxes / (double) parts.size()); // DETR: all-reduced, over the world size
        List<Part> done = new ArrayList<>(Collections.nCopies(parts.size(), null));
        List<Future<Part>> pending = new ArrayList<>();
        for (int r = 1; r < parts.size(); r++) {
            int k = r;
            pending.add(pool.submit(() -> part(k, parts.get(k), numBoxes, partSeed(dropoutSeed, k))));
        }
        done.set(0, part(0, parts.get(0), numBoxes, dropoutSeed));
        for (int r = 1; r < parts.size(); r++) {
            done.set(r, Futures.await(pending.get(r - 1), "a replica's gradients"));
        }
        long forward = 0;
        for (Part p : done) {
            forward = Math.max(forward, p.forwardNanos());
        }
        for (Part p : done) {
            if (p.grads() == null) { // no matching on NaN predictions: skip the step
                return new Result(false, Double.NaN, Map.of(), Double.NaN, forward, System.nanoTime() - t0);
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : terms) {
            double sum = 0;
            for (Part p : done) {
                sum += p.terms().get(t);
            }
            values.put(t, sum / done.size());
        }
        double loss = values.get(SetCriterion.LOSS);
        Map<String, INDArray> grads = done.get(0).grads();
        if (done.size() > 1) {
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                for (int r = 1; r < done.size(); r++) {
                    e.getValue().addi(done.get(r).grads().get(e.getKey()));
                }
                e.getValue().divi(done.size());
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
        if (Boolean.getBoolean("ground4j.profileStep")) {
            long grad = 0;
            for (Part p : done) {
                grad = Math.max(grad, p.gradNanos());
            }
            System.err.printf("forward %.0f ms, gradients %.0f ms, optimiser %.0f ms%n", forward / 1e6, grad / 1e6,
                    (System.nanoTime() - to) / 1e6);
        }
        return new Result(true, loss, values, norm, forward, System.nanoTime() - t0);
    }

    private Part part(int r, PreparedBatch batch, double numBoxes, long dropoutSeed) {
        TrainingGraph graph = replicas.get(r);
        SetCriterion criterion = criteria.get(r);
        SameDiff sd = graph.sd();
        long t0 = System.nanoTime();
        Map<String, INDArray> feed = graph.feed(batch.images(), batch.imageIndex(), batch.text());
        Nd4j.getRandom().setSeed(dropoutSeed); // per thread: ND4J's random generator is thread-local
        Map<String, INDArray> out = sd.output(feed, outputs);
        long forward = System.nanoTime() - t0;
        for (INDArray o : out.values()) {
            if (o.isNaN().any() || o.isInfinite().any()) {
                return new Part(out, Map.of(), null, forward, 0);
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
        Map<String, INDArray> full = new HashMap<>(feed);
        full.putAll(criterion.targets(matches, batch.targets(), queries, numBoxes));
        if (criterion.weights().dense() > 0) {
            full.putAll(criterion.denseTargets(batch.targets(), graph.config().featureSide(),
                    feed.get(GrounderModel.IMAGE_BIAS)));
        }
        Nd4j.getRandom().setSeed(dropoutSeed);
        long tg = System.nanoTime();
        OutAndGrad og = sd.calculateGradientsAndOutputs(full, terms, trainable);
        long grad = System.nanoTime() - tg;
        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : terms) {
            values.put(t, og.getOutputs().get(t).getDouble(0));
        }
        return new Part(out, values, og.getGradients(), forward, grad);
    }

    /** The parts' BatchNorm batch statistics, averaged (the first part's own with one part). */
    private Map<String, INDArray> averageStats(List<Part> done) {
        if (done.size() == 1) {
            return done.get(0).out();
        }
        Map<String, INDArray> avg = new HashMap<>();
        for (String name : replicas.get(0).batchStatNames()) {
            INDArray sum = done.get(0).out().get(name).dup();
            for (int r = 1; r < done.size(); r++) {
                sum.addi(done.get(r).out().get(name));
            }
            avg.put(name, sum.divi(done.size()));
        }
        return avg;
    }

    /** Part 0 keeps the step's seed, so that one replica draws exactly what a single graph drew. */
    static long partSeed(long seed, int part) {
        return part == 0 ? seed : Trainer.mix(seed, part, 11);
    }
}

package org.ground4j.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class TrainStep {

    /**
     * What a step did.
     *
     * @param applied       false when the loss or a gradient was not finite (the weights were left alone)
     * @param loss          total loss
     * @param terms         every named loss term
     * @param gradNorm      global gradient norm before clipping
     * @param forwardNanos  time of the matching forward pass
     * @param stepNanos     time of the whole step
     */
    public record Result(boolean applied, double loss, Map<String, Double> terms, double gradNorm, long forwardNanos,
            long stepNanos) {
    }

    /** PyTorch's BatchNorm momentum, for the running statistics under batch-statistics BatchNorm. */
    static final double BN_MOMENTUM = 0.1;

    private final TrainingGraph graph;
    private final SetCriterion criterion;
    private final HungarianMatcher matcher;
    private final AdamW optimizer;
    private final ParamGroups groups;
    private final double gradClip;
    private final List<String> trainable;
    private final List<String> outputs = new ArrayList<>();
    private final List<String> terms = new ArrayList<>();

    public TrainStep(TrainingGraph graph, LossWeights weights, HungarianMatcher matcher, AdamW optimizer,
            ParamGroups groups, double gradClip) {
        this.graph = graph;
        this.criterion = SetCriterion.attach(graph.sd(), graph.logitNames(), graph.boxNames(), weights);
        this.matcher = matcher;
        this.optimizer = optimizer;
        this.groups = groups;
        this.gradClip = gradClip;
        // a group with learning rate 0 is frozen: its gradients are not even computed
        this.trainable = graph.trainableNames().stream().filter(n -> groups.lr(n, 0) > 0).toList();
        outputs.addAll(graph.logitNames());
        outputs.addAll(graph.boxNames());
        outputs.addAll(graph.batchStatNames());
        terms.addAll(criterion.termNames());
        terms.add(SetCriterion.LOSS);
        buildGradientGraph(graph.sd());
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

    /**
     * @param epoch      current epoch (for the learning-rate drop)
     * @param lrFactor   warm-up factor in (0,1]
     * @param dropoutSeed seed of this step's dropout masks
     */
    public Result run(PreparedBatch batch, int epoch, double lrFactor, long dropoutSeed) {
        try {
            return step(batch, epoch, lrFactor, dropoutSeed);
        } finally {
            NativeMemory.collect(); // a step allocates ~1.4 GB off-heap (CPU configuration)
        }
    }

    private Result step(PreparedBatch batch, int epoch, double lrFactor, long dropoutSeed) {
        long t0 = System.nanoTime();
        SameDiff sd = graph.sd();
        Map<String, INDArray> feed = graph.feed(batch.images(), batch.imageIndex(), batch.text());
        Nd4j.getRandom().setSeed(dropoutSeed);
        Map<String, INDArray> out = sd.output(feed, outputs);
        long forward = System.nanoTime() - t0;
        for (INDArray o : out.values()) {
            if (o.isNaN().any() || o.isInfinite().any()) { // no matching on NaN predictions: skip the step
                return new Result(false, Double.NaN, Map.of(), Double.NaN, forward, System.nanoTime() - t0);
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
        full.putAll(criterion.targets(matches, batch.targets(), queries));
        if (criterion.weights().dense() > 0) {
            full.putAll(criterion.denseTargets(batch.targets(), graph.config().featureSide(),
                    feed.get(GrounderModel.IMAGE_BIAS)));
        }
        Nd4j.getRandom().setSeed(dropoutSeed);
        long tg = System.nanoTime();
        OutAndGrad og = sd.calculateGradientsAndOutputs(full, terms, trainable);
        long tGrad = System.nanoTime() - tg;

        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : terms) {
            values.put(t, og.getOutputs().get(t).getDouble(0));
        }
        double loss = values.get(SetCriterion.LOSS);
        Map<String, INDArray> grads = og.getGradients();
        double norm = GradientClipping.clip(grads, gradClip);
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            return new Result(false, loss, values, norm, forward, System.nanoTime() - t0);
        }
        Map<String, INDArray> params = new HashMap<>();
        for (String name : grads.keySet()) {
            params.put(name, sd.getVariable(name).getArr());
        }
        long to = System.nanoTime();
        optimizer.step(params, grads, name -> groups.lr(name, epoch) * lrFactor);
        graph.updateRunningStats(out, BN_MOMENTUM);
        if (Boolean.getBoolean("ground4j.profileStep")) {
            System.err.printf("forward %.0f ms, gradients %.0f ms, optimiser %.0f ms%n", forward / 1e6, tGrad / 1e6,
                    (System.nanoTime() - to) / 1e6);
        }
        return new Result(true, loss, values, norm, forward, System.nanoTime() - t0);
    }
}

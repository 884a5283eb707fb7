package org.ground4j.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.augment.Augmenter;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.core.io.OutputLock;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.NativeMemory;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.text.SentenceTokenizer;
import org.ground4j.eval.Evaluator;
import org.ground4j.eval.Figures;
import org.ground4j.eval.RelativeSweep;
import org.ground4j.eval.SweepPoint;
import org.ground4j.infer.PostProcessor;
import org.ground4j.train.optim.AdamW;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training run (DESIGN.md section 3): weak pretraining keeping the checkpoint of best validation mIoU,
 * expert fine-tuning keeping the checkpoint of best validation P@F1=1 (its threshold stored with it), or either
 * alone. Resumable: every {@code checkpoint_every} steps and at every epoch end {@code OUT/STAGE/last} holds
 * weights, optimiser state and the position in the data, and the same command started again continues from
 * there with the same data order. {@code OUT/STAGE/best} holds the selected model.
 *
 * <pre>{@code
 * Trainer.Summary s = new Trainer(TrainConfig.load(Path.of("run.yaml"))).run();   // progress to SLF4J
 * }</pre>
 */
public final class Trainer {

    /** The fusion IoU of validation and of the checkpoints a run selects: the paper's. */
    private static final double FUSION_IOU = InferenceSettings.paper().fusionIou();

    /**
     * The outcome of a run.
     *
     * @param best      the selected checkpoint of the last stage
     * @param metric    its validation metric (mIoU for weak, P@F1=1 for expert)
     * @param threshold its chosen confidence threshold
     * @param steps     optimiser steps per stage
     * @param skipped   non-finite steps skipped per stage
     * @param forwardSeconds total time of the matching forward passes
     * @param stepSeconds    total time of the steps
     */
    public record Summary(
            Path best,
            double metric,
            double threshold,
            Map<String, Long> steps,
            Map<String, Long> skipped,
            double forwardSeconds,
            double stepSeconds) {}

    private final TrainConfig cfg;
    private final TrainListener listener;
    private final TrainLog log;
    private double forwardSeconds;
    private double stepSeconds;

    /** A run that tells its progress to SLF4J ({@link TrainListener#logging()}). */
    public Trainer(TrainConfig cfg) {
        this(cfg, TrainListener.logging());
    }

    /** A run that tells its progress to {@code listener}. */
    public Trainer(TrainConfig cfg, TrainListener listener) {
        this.cfg = cfg;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.log = new TrainLog(Path.of(cfg.out()));
    }

    /**
     * Runs the configured stages into {@code out}, resuming from its checkpoints.
     *
     * @throws InvalidInputException when another run is writing {@code out}, or an input is unusable
     */
    public Summary run() {
        Path out = Path.of(cfg.out());
        TrainConfig.Data d = cfg.data();
        List<Path> inputs = new ArrayList<>();
        for (String f : new String[] {cfg.tokenizer(), d.weakTrain(), d.weakVal(), d.expertTrain(), d.expertVal()}) {
            if (f != null) {
                inputs.add(Path.of(f));
            }
        }
        try (OutputLock lock = OutputLock.acquire(out, inputs.toArray(Path[]::new))) {
            return train(out);
        }
    }

    private Summary train(Path out) {
        Path tokPath = Path.of(cfg.tokenizer());
        byte[] tokenizerJson = readAll(tokPath);
        Map<String, Long> steps = new LinkedHashMap<>(), skipped = new LinkedHashMap<>();
        try (SentenceTokenizer tokenizer = new SentenceTokenizer(tokPath, maxLength(tokPath))) {
            ModelConfig mc = cfg.modelConfig(tokenizer.vocabSize());
            if (mc.transformer().querySelection() && cfg.loss().dense() <= 0) {
                throw new InvalidInputException(cfg.model() + ": transformer.query_selection needs the dense loss term "
                        + "that trains the selection (loss.dense > 0 in the run configuration)");
            }
            AtomicFiles.writeString(out.resolve("run.yaml"), cfg.toYaml()); // nothing written for a refused run
            mc.save(out.resolve("model.yaml"));
            // held in a box that runStage empties: the paper configuration's weights are 680 MB, and once the graphs
            // hold their own copy nothing else should keep these alive
            StateDict[] weights = {initialWeights(mc)};
            Checkpoint best = null;
            for (String stage : cfg.stages()) {
                if (best != null) { // the previous stage's selection starts this one
                    weights[0] = best.weights();
                    best = null;
                }
                best = runStage(stage, mc, weights, tokenizer, tokenizerJson, steps, skipped);
            }
            double metric = Double.parseDouble(best.provenance().getOrDefault("val_metric", "NaN"));
            String last = cfg.stages().get(cfg.stages().size() - 1);
            return new Summary(
                    out.resolve(last).resolve("best"),
                    metric,
                    best.inference().threshold(),
                    steps,
                    skipped,
                    forwardSeconds,
                    stepSeconds);
        }
    }

    private int maxLength(Path tokPath) {
        try (SentenceTokenizer probe = new SentenceTokenizer(tokPath, 512)) {
            return cfg.modelConfig(probe.vocabSize()).maxTextLength();
        }
    }

    private StateDict initialWeights(ModelConfig mc) {
        if (cfg.init() == null) {
            return ModelInit.init(mc, cfg.seed());
        }
        Checkpoint init = CheckpointIO.load(Path.of(cfg.init()));
        if (!init.config().equals(mc)) {
            throw new InvalidInputException(cfg.init() + ": its model configuration differs from the run's ("
                    + cfg.model() + " with this tokenizer)");
        }
        return init.weights();
    }

    private Checkpoint runStage(
            String stage,
            ModelConfig mc,
            StateDict[] startWeights,
            SentenceTokenizer tokenizer,
            byte[] tokenizerJson,
            Map<String, Long> stepsOut,
            Map<String, Long> skippedOut) {
        Path dir = Path.of(cfg.out()).resolve(stage);
        Path lastDir = dir.resolve("last"), bestDir = dir.resolve("best");
        Path trainPath = Path.of(
                stage.equals("weak") ? cfg.data().weakTrain() : cfg.data().expertTrain());
        Path valPath =
                Path.of(stage.equals("weak") ? cfg.data().weakVal() : cfg.data().expertVal());
        Map<String, String> prov = Provenance.of(cfg, stage, trainPath, valPath);

        AdamW optimizer = new AdamW(0.9, 0.999, 1e-8, cfg.weightDecay());
        RunState state = RunState.start(stage);
        StateDict base = startWeights[0];
        startWeights[0] = null;
        if (Files.isDirectory(lastDir) || Files.isDirectory(dir.resolve("last.old"))) {
            Checkpoint last = CheckpointIO.load(lastDir);
            state = RunState.fromJson(last.trainStateJson());
            base = last.weights();
            if (last.trainState() != null) {
                optimizer.load(last.trainState());
            }
            if (state.done()) {
                listener.message(String.format("%s: already finished (%s); using %s", stage, lastDir, bestDir));
                stepsOut.put(stage, state.step());
                skippedOut.put(stage, state.skipped());
                return CheckpointIO.load(bestDir);
            }
            listener.message(String.format(
                    "%s: resuming at epoch %d, batch %d (step %d)",
                    stage, state.epoch() + 1, state.batch(), state.step()));
            log.rewind(stage, state.step(), state.epoch());
            log.append(
                    "resume",
                    Map.of("stage", stage, "epoch", state.epoch(), "batch", state.batch(), "step", state.step()));
        }

        GroundingData train = GroundingData.load(trainPath);
        GroundingData val = GroundingData.load(valPath).limit(cfg.valLimit());
        Augmenter augmenter =
                cfg.augment() == null ? null : new Augmenter(cfg.augment().toConfig());
        BatchBuilder trainBatches = new BatchBuilder(mc.imageSize(), tokenizer, augmenter);
        Validator validator = new Validator(new BatchBuilder(mc.imageSize(), tokenizer, null), cfg.batchImages());
        List<TrainingGraph> replicas = new ArrayList<>();
        for (int r = 0; r < cfg.workers(); r++) { // the same weights in each: base is read, not consumed
            replicas.add(TrainingGraph.build(mc, base, cfg.trainingOptions()));
        }
        TrainingGraph graph = replicas.get(0);
        base = graph.frozenPart(base); // the trainable weights live in the graphs now
        TrainStep engine = new TrainStep(
                replicas, cfg.loss(), cfg.matcher(), optimizer, cfg.lr(), cfg.gradClip(), cfg.checkpointing());
        try {
            int epochs =
                    stage.equals("weak") ? cfg.epochs().weak() : cfg.epochs().expert();
            int perEpoch = (train.groups().size() + cfg.batchImages() - 1) / cfg.batchImages();
            int nonFiniteRun = 0;
            // the selected checkpoint stays on disk until the stage ends: one copy of the weights fewer in memory
            boolean haveBest = Files.isDirectory(bestDir);

            stages:
            for (int epoch = state.epoch(); epoch < epochs; epoch++) {
                List<GroundingData.ImageGroup> order = new ArrayList<>(train.groups());
                Collections.shuffle(order, new Random(mix(cfg.seed(), stage.hashCode(), epoch)));
                listener.epochStarted(stage, epoch, epochs, perEpoch);
                int doneHere = 0;
                double lastLoss = Double.NaN;
                int ep = epoch;
                try (Prefetcher<List<PreparedBatch>> batches = new Prefetcher<>(
                        b -> parts(
                                trainBatches,
                                order.subList(
                                        b * cfg.batchImages(), Math.min(order.size(), (b + 1) * cfg.batchImages())),
                                mix(cfg.seed(), ep, b),
                                cfg.workers()),
                        perEpoch,
                        "ground4j-batches")) {
                    for (int b = state.batch(); b < perEpoch; b++) {
                        if (cfg.maxSteps() > 0 && state.step() >= cfg.maxSteps()) {
                            break stages;
                        }
                        List<PreparedBatch> batch = batches.get(b);
                        long step = state.step(), skipped = state.skipped();
                        if (batch != null) {
                            double warm = cfg.warmupSteps() > 0 ? Math.min(1.0, (step + 1.0) / cfg.warmupSteps()) : 1.0;
                            TrainStep.Result r = engine.run(batch, epoch, warm, mix(cfg.seed(), step, 7));
                            forwardSeconds += r.forwardNanos() / 1e9;
                            stepSeconds += r.stepNanos() / 1e9;
                            Map<String, Object> ev = new LinkedHashMap<>();
                            ev.put("stage", stage);
                            ev.put("epoch", epoch);
                            ev.put("batch", b);
                            ev.put("step", step + 1);
                            ev.put("loss", r.loss());
                            ev.putAll(r.terms());
                            ev.put("grad_norm", r.gradNorm());
                            ev.put(
                                    "sentences",
                                    batch.stream()
                                            .mapToInt(PreparedBatch::sentences)
                                            .sum());
                            ev.put("forward_s", r.forwardNanos() / 1e9);
                            ev.put("step_s", r.stepNanos() / 1e9);
                            if (r.applied()) {
                                nonFiniteRun = 0;
                                step++;
                                lastLoss = r.loss();
                            } else {
                                nonFiniteRun++;
                                skipped++;
                                ev.put("skipped", "non-finite loss or gradient");
                                if (nonFiniteRun >= cfg.maxNonFinite()) {
                                    log.append("diverged", ev);
                                    throw new TrainingDivergedException(stage + ": " + nonFiniteRun
                                            + " consecutive steps with a non-finite loss or gradient (last loss "
                                            + r.loss()
                                            + ", gradient norm " + r.gradNorm()
                                            + "); stopped without saving. The last good "
                                            + "checkpoint is " + lastDir
                                            + ". Lower the learning rate or check the data.");
                                }
                            }
                            log.append("step", ev);
                        }
                        doneHere++;
                        state = state.next(epoch, b + 1, step, skipped);
                        listener.stepDone(stage, epoch, b + 1, perEpoch, doneHere, lastLoss);
                        if (state.step() > 0 && state.step() % cfg.checkpointEvery() == 0 && batch != null) {
                            StateDict copy = graph.weights(base);
                            save(lastDir, mc, copy, tokenizerJson, prov, optimizer, state, InferenceSettings.paper());
                            release(copy, base);
                        }
                    }
                }
                // end of epoch: validate, select, save a resumable checkpoint at the next epoch's start; the
                // executors' idle buffers go back first, so that validation does not add to them
                engine.releaseIdleBuffers();
                StateDict current = graph.weights(base);
                Validation metric = validate(stage, epoch, mc, current, validator, val);
                state = new RunState(stage, epoch + 1, 0, state.step(), state.skipped(), state.bestMetric(), false);
                if (metric.metric() > state.bestMetric()) {
                    state = state.withBest(metric.metric());
                    Map<String, String> p = new LinkedHashMap<>(prov);
                    p.put("epoch", Integer.toString(epoch + 1));
                    p.put("val_metric", Double.toString(metric.metric()));
                    p.put("val_metric_name", stage.equals("weak") ? "miou" : "p_at_f1_1");
                    CheckpointIO.save(
                            bestDir, new Checkpoint(mc, current, tokenizerJson, metric.settings(), p, null, null));
                    haveBest = true;
                }
                save(lastDir, mc, current, tokenizerJson, prov, optimizer, state, InferenceSettings.paper());
                release(current, base);
                log.drawCurves();
            }
            if (!haveBest) { // stopped by max_steps before the first epoch ended: validate what there is
                engine.releaseIdleBuffers();
                StateDict current = graph.weights(base);
                Validation metric = validate(stage, state.epoch(), mc, current, validator, val);
                Map<String, String> p = new LinkedHashMap<>(prov);
                p.put("val_metric", Double.toString(metric.metric()));
                CheckpointIO.save(
                        bestDir, new Checkpoint(mc, current, tokenizerJson, metric.settings(), p, null, null));
                release(current, base);
                state = state.withBest(metric.metric());
            }
            state = state.finished();
            engine.releaseIdleBuffers();
            StateDict last = graph.weights(base);
            save(lastDir, mc, last, tokenizerJson, prov, optimizer, state, InferenceSettings.paper());
            release(last, base);
            log.append(
                    "stage_done",
                    Map.of(
                            "stage",
                            stage,
                            "steps",
                            state.step(),
                            "skipped",
                            state.skipped(),
                            "best_metric",
                            state.bestMetric()));
            log.drawCurves();
            stepsOut.put(stage, state.step());
            skippedOut.put(stage, state.skipped());
            return CheckpointIO.load(bestDir);
        } finally {
            engine.close();
        }
    }

    /**
     * What a validation found: the stage's metric at the best post-processing, and that post-processing.
     *
     * @param metric            mIoU (weak stage) or P@F1=1 (expert stage); -1 when nothing was validated
     * @param threshold         the confidence threshold that gives it
     * @param relativeThreshold the relative threshold that gives it (0 in the weak stage)
     */
    private record Validation(double metric, double threshold, double relativeThreshold) {

        /** The post-processing this validation chose, with the paper's fusion IoU. */
        InferenceSettings settings() {
            return new InferenceSettings(threshold, FUSION_IOU, relativeThreshold);
        }
    }

    /**
     * @return weak: the best overall mIoU over the threshold sweep (no relative threshold); expert: the best overall
     *         P@F1=1 over both thresholds ({@link RelativeSweep})
     */
    private Validation validate(
            String stage, int epoch, ModelConfig mc, StateDict weights, Validator validator, GroundingData val) {
        long t0 = System.nanoTime();
        boolean weak = stage.equals("weak");
        List<Sample> preds;
        try (GrounderModel model = GrounderModel.forInference(mc, weights)) {
            // weak: the threshold sweep of mIoU; expert: every query's box, for the exact search of both thresholds
            preds = weak ? validator.predict(model, val, FUSION_IOU) : validator.predict(model, val, PostProcessor.RAW);
        }
        // the inference model's graphs and their sessions leave their arrays to the collector; without a collection
        // here a paper-configuration run grew by about a gigabyte a validation (a loop of paper validations: 4.0 to
        // 7.8 GB in 14, flat at 4.8 GB with a collection after each)
        NativeMemory.collect();
        double bestMetric = -1, bestThr = InferenceSettings.paper().threshold(), bestRelative = 0;
        SweepPoint atPoint = null;
        if (weak) {
            for (SweepPoint p : Evaluator.evaluate(val.samples(), preds).sweep().points()) {
                if (p.groups().overall().miou() > bestMetric) {
                    bestMetric = p.groups().overall().miou();
                    bestThr = p.threshold();
                    atPoint = p;
                }
            }
        } else {
            RelativeSweep.Point best =
                    RelativeSweep.run(val.samples(), preds, FUSION_IOU).best().orElse(null);
            if (best != null) {
                atPoint = best.best();
                bestMetric = atPoint.groups().overall().pAtF1();
                bestThr = atPoint.threshold();
                bestRelative = best.relative();
            }
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("stage", stage);
        e.put("epoch", epoch);
        e.put("metric", bestMetric);
        e.put("threshold", bestThr);
        e.put("relative_threshold", bestRelative);
        if (atPoint != null) {
            Figures at = atPoint.groups().overall();
            e.put("p_at_f1_1", at.pAtF1());
            e.put("miou", at.miou());
            e.put("ch_f1", at.chF1());
            e.put("n_acc", atPoint.groups().no().nAcc());
            // findings whose place follows from the anatomy vs those only the image can locate
            e.put(
                    "anchored_p_at_f1_1",
                    atPoint.byPlacement().anchored().overall().pAtF1());
            e.put("free_p_at_f1_1", atPoint.byPlacement().free().overall().pAtF1());
        }
        e.put("seconds", (System.nanoTime() - t0) / 1e9);
        log.append("validation", e);
        listener.message(String.format(
                Locale.ROOT,
                "%s epoch %d: validation %s %.4f at threshold %.2f%s",
                stage,
                epoch + 1,
                stage.equals("weak") ? "mIoU" : "P@F1=1",
                bestMetric,
                bestThr,
                bestRelative > 0 ? String.format(Locale.ROOT, ", relative threshold %.2f", bestRelative) : ""));
        return new Validation(bestMetric, bestThr, bestRelative);
    }

    /**
     * Frees the arrays of a copy of the graph's weights that the base does not own. ND4J frees native memory only
     * when the collector finds an array unreachable, and the collector rarely runs while training allocates
     * little heap: the paper configuration's copies (650 MB each, one per checkpoint and one per validation) made
     * its run grow by a gigabyte an epoch; the optimiser's moments, copied for a checkpoint, are twice that.
     */
    private static void release(StateDict copy, StateDict base) {
        Map<String, INDArray> own = base.asMap();
        copy.asMap().forEach((name, a) -> {
            if (own.get(name) != a && a.closeable() && !a.wasClosed()) {
                a.close();
            }
        });
    }

    private void save(
            Path dir,
            ModelConfig mc,
            StateDict weights,
            byte[] tok,
            Map<String, String> prov,
            AdamW optimizer,
            RunState state,
            InferenceSettings inf) {
        StateDict moments = optimizer.state(); // a copy: 1.3 GB for the paper configuration
        try {
            CheckpointIO.save(dir, new Checkpoint(mc, weights, tok, inf, prov, moments, state.toJson()));
        } finally {
            release(moments, new StateDict());
        }
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(p + ": cannot read tokenizer: " + e.getMessage());
        }
    }

    /**
     * One step's images as up to {@code count} parts of consecutive images (sizes differing by at most one), each
     * built with its own seed (the first with the step's, so that one worker builds what it always built); parts
     * that augmentation left without a sentence are dropped.
     *
     * @return the parts, or null when none has a sentence
     */
    static List<PreparedBatch> parts(
            BatchBuilder builder, List<GroundingData.ImageGroup> images, long seed, int count) {
        int k = Math.min(count, images.size());
        List<PreparedBatch> parts = new ArrayList<>(k);
        for (int w = 0, from = 0; w < k; w++) {
            int to = from + (images.size() - from) / (k - w);
            PreparedBatch part = builder.build(images.subList(from, to), w == 0 ? seed : mix(seed, w, 13));
            if (part != null) {
                parts.add(part);
            }
            from = to;
        }
        return parts.isEmpty() ? null : parts;
    }

    /** A reproducible seed from several counters (SplitMix64 finaliser). */
    static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package org.ground4j.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole network as one differentiable SameDiff graph, for training: trainable variables for everything
 * except the frozen BatchNorm statistics, the stem and layer1 (DESIGN.md section 2). Images go through the
 * backbone once; each sentence selects its image's tokens (a one-hot product), so a batch of images with
 * all their sentences costs one backbone pass per image. The criterion adds its loss to {@link #sd()}.
 *
 * <pre>{@code
 * TrainingGraph g = TrainingGraph.build(cfg, ModelInit.init(cfg, 1), TrainingOptions.DEFAULT.withDropout(0.1));
 * Map<String, INDArray> feed = g.feed(images, imageIndex, tokens);
 * }</pre>
 */
public final class TrainingGraph {

    private final ModelConfig cfg;
    private final SameDiff sd;
    private final List<String> logits = new ArrayList<>();
    private final List<String> boxes = new ArrayList<>();
    /** Under batch-statistics BatchNorm: running-statistic name -> its current value, updated each step. */
    private final Map<String, INDArray> running = new LinkedHashMap<>();

    private boolean batchStats;
    /** The names of the weights the graph was built from, in their order. */
    private List<String> names = List.of();

    /**
     * A stretch of the graph that activation checkpointing recomputes during the backward instead of keeping its
     * activations: the ops that lead from {@code input} to {@code output} (and those that derive its parameters).
     *
     * @param input  the variable the stretch starts from (kept)
     * @param output the variable it ends at (kept)
     */
    public record Segment(String input, String output) {}

    private TrainingGraph(ModelConfig cfg, SameDiff sd) {
        this.cfg = cfg;
        this.sd = sd;
    }

    /** The backbone's trainable blocks (layer2 on; every block when BatchNorm trains), in order, one per block. */
    public List<Segment> backboneSegments() {
        List<Segment> out = new ArrayList<>();
        BackboneConfig b = cfg.backbone();
        String prev = Backbone.stemOutput(GrounderModel.BACKBONE);
        for (int layer = 1; layer <= b.layers(); layer++) {
            for (int i = 0; i < b.blocks()[layer - 1]; i++) {
                String block = Backbone.blockOutput(GrounderModel.BACKBONE, layer, i);
                if (layer >= 2 || batchStats) {
                    out.add(new Segment(prev, block));
                }
                prev = block;
            }
        }
        return out;
    }

    /** Every layer of the text encoder, of the fusion encoder and of the decoder, one segment each. */
    public List<Segment> transformerSegments() {
        List<Segment> out = new ArrayList<>();
        String prev = TextEncoder.EMBEDDINGS;
        for (int i = 0; i < cfg.text().layers(); i++) {
            out.add(new Segment(prev, TextEncoder.layerOutput(i)));
            prev = TextEncoder.layerOutput(i);
        }
        prev = FusionTransformer.ENCODER_INPUT;
        for (int i = 0; i < cfg.transformer().encoderLayers(); i++) {
            out.add(new Segment(prev, FusionTransformer.encoderLayerOutput(i)));
            prev = FusionTransformer.encoderLayerOutput(i);
        }
        prev = FusionTransformer.DECODER_INPUT;
        for (int i = 0; i < cfg.transformer().decoderLayers(); i++) {
            out.add(new Segment(prev, FusionTransformer.decoderLayerOutput(i)));
            prev = FusionTransformer.decoderLayerOutput(i);
        }
        return out;
    }

    /** Name of the dense head's {@code [N, HW]} logits: "this image token lies inside a box of the sentence". */
    public static final String DENSE_LOGITS = "dense_logits";

    /**
     * Builds the training graph of {@code cfg} over {@code weights}.
     *
     * <p>With {@link TrainingOptions#denseHead()}, the dense token head ({@code dense_embed}, a linear map of each
     * fused image token to one logit) is added for the criterion's dense auxiliary loss; its weights are added to
     * {@code weights} (bias -2, weight 0) when absent, so a checkpoint without them can start a run with the loss
     * on; inference never builds the head. With {@link TrainingOptions.BatchNorm#TRAIN} the backbone trains whole
     * (stem and layer1 too) with BatchNorm on batch statistics, for runs from fresh weights; the running averages
     * that inference folds in are then updated by {@link #updateRunningStats} and returned by {@link #weights}.
     */
    public static TrainingGraph build(ModelConfig cfg, StateDict weights, TrainingOptions options) {
        double dropout = options.dropout();
        boolean denseHead = options.denseHead();
        boolean batchStats = options.batchStats();
        SameDiff sd = SameDiff.create();
        TrainingGraph g = new TrainingGraph(cfg, sd);
        g.batchStats = batchStats;
        Nn nn = new Nn(sd, weights, true);
        SDVariable image = sd.placeHolder(GrounderModel.IMAGE, DataType.FLOAT, -1, 3, cfg.imageSize(), cfg.imageSize());
        SDVariable tokens = GrounderModel.imageTokens(nn, image, cfg, weights, true, batchStats);
        if (batchStats) {
            for (String n : weights.names()) {
                if (n.endsWith(".running_mean") || n.endsWith(".running_var")) {
                    g.running.put(
                            n, weights.asMap().get(n).castTo(DataType.FLOAT).dup());
                }
            }
        }
        for (SDVariable[] o : GrounderModel.grounding(nn, tokens, cfg, dropout)) {
            g.logits.add(o[0].name());
            g.boxes.add(o[1].name());
        }
        if (denseHead && !cfg.transformer().querySelection()) { // query selection has the head already
            if (!weights.names().contains(QuerySelection.DENSE_EMBED + ".weight")) {
                weights.put(
                        QuerySelection.DENSE_EMBED + ".weight",
                        Nd4j.zeros(DataType.FLOAT, 1, cfg.transformer().d()));
                // a prior of ~12 % positive tokens, as RetinaNet starts its classifier (lesions are small)
                weights.put(QuerySelection.DENSE_EMBED + ".bias", Nd4j.valueArrayOf(new long[] {1}, -2.0f));
            }
            QuerySelection.denseLogits(nn, sd.getVariable(FusionTransformer.MEMORY), cfg);
        }
        g.names = List.copyOf(weights.names());
        return g;
    }

    public SameDiff sd() {
        return sd;
    }

    public ModelConfig config() {
        return cfg;
    }

    /** Names of the {@code [N, Q]} logits, one per decoder layer (last = prediction). */
    public List<String> logitNames() {
        return List.copyOf(logits);
    }

    /** Names of the {@code [N, Q, 4]} boxes (cx, cy, w, h), one per decoder layer. */
    public List<String> boxNames() {
        return List.copyOf(boxes);
    }

    /** Placeholder values for one batch: each sentence {@code i} on image {@code imageIndex[i]}. */
    public Map<String, INDArray> feed(ImageBatch images, int[] imageIndex, TokenBatch text) {
        Map<String, INDArray> feed = new HashMap<>(Inputs.images(cfg, images, imageIndex));
        feed.putAll(Inputs.text(text));
        feed.put(GrounderModel.IMAGE, images.pixels().castTo(DataType.FLOAT));
        return feed;
    }

    /** Outputs holding each BatchNorm's batch mean and variance (empty without batch statistics). */
    public List<String> batchStatNames() {
        List<String> out = new ArrayList<>();
        for (String n : running.keySet()) {
            out.add(statOutput(n));
        }
        return out;
    }

    private static String statOutput(String runningName) {
        return runningName.endsWith(".running_mean")
                ? runningName.replace(".running_mean", Backbone.BATCH_MEAN)
                : runningName.replace(".running_var", Backbone.BATCH_VAR);
    }

    /**
     * Moves every running statistic toward this batch's, {@code r = (1 - momentum) r + momentum b}, as PyTorch's
     * BatchNorm does with momentum 0.1 (with the biased batch variance: the n/(n-1) correction is below 0.1 % at
     * a batch's thousands of positions).
     *
     * @param outputs values of {@link #batchStatNames()} from this step's forward pass
     */
    public void updateRunningStats(Map<String, INDArray> outputs, double momentum) {
        for (Map.Entry<String, INDArray> e : running.entrySet()) {
            INDArray batch = outputs.get(statOutput(e.getKey()));
            e.getValue().muli(1 - momentum).addi(batch.castTo(DataType.FLOAT).mul(momentum));
        }
    }

    /** Names of the trainable variables. */
    public List<String> trainableNames() {
        List<String> out = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                out.add(v.name());
            }
        }
        return out;
    }

    /**
     * The current weights: trainable variables read back from the graph, everything else (frozen BatchNorm
     * statistics, stem, layer1) from {@code base}.
     */
    public StateDict weights(StateDict base) {
        StateDict out = new StateDict();
        for (String n : names) {
            if (running.containsKey(n)) {
                out.put(n, running.get(n).dup());
            } else if (trains(n)) {
                out.put(n, sd.getVariable(n).getArr().dup());
            } else {
                INDArray a = base.asMap().get(n);
                if (a == null) {
                    throw new IllegalArgumentException(
                            "weights: the base lacks " + n + ", which the graph does not hold");
                }
                out.put(n, a);
            }
        }
        return out;
    }

    /**
     * The entries of the weights this graph was built from that it does not hold itself (BatchNorm statistics, the
     * frozen stem and layer1): all that {@link #weights} needs, so that a caller can let the trainable rest go (the
     * paper configuration's 680 MB).
     */
    public StateDict frozenPart(StateDict base) {
        StateDict out = new StateDict();
        for (String n : names) {
            if (!trains(n) && !running.containsKey(n)) {
                out.put(n, base.asMap().get(n));
            }
        }
        return out;
    }

    /** Whether the graph holds weight {@code n} as a trainable variable of its own. */
    private boolean trains(String n) {
        SDVariable v = sd.getVariable(n);
        return v != null && v.getVariableType() == VariableType.VARIABLE;
    }
}

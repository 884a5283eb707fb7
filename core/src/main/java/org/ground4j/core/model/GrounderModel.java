package org.ground4j.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The grounding network assembled from its parts (DETR's {@code build}): {@link Backbone} + input
 * projection, {@link TextEncoder}, {@link FusionTransformer}, {@link Heads}. For inference it is two
 * SameDiff graphs, so that one image's features are computed once and reused by all of its sentences:
 * <ol>
 *   <li>image graph: {@code image [N, 3, S, S]} -> {@code image_tokens [N, HW, d]};</li>
 *   <li>grounding graph: image tokens (selected per sentence by {@code image_select}), sine positions,
 *       padding masks and tokenised sentences -> per decoder layer {@code logits [N, Q]} and
 *       {@code boxes [N, Q, 4]}.</li>
 * </ol>
 *
 * <pre>{@code
 * ModelConfig cfg = ModelConfig.tiny(120);
 * try (GrounderModel m = GrounderModel.forInference(cfg, ModelInit.init(cfg, 1))) {
 *     INDArray tokens = m.encodeImages(images.pixels());               // once per image
 *     ModelOutputs out = m.ground(tokens, images, new int[] {0, 0}, text);  // two sentences of image 0
 * }
 * }</pre>
 */
public final class GrounderModel implements AutoCloseable {

    static final String IMAGE = "image";
    /** Weight and variable prefix of the image encoder. */
    static final String BACKBONE = "backbone";

    static final String IMAGE_TOKENS = "image_tokens";
    static final String IMAGE_SELECT = "image_select";
    static final String IMAGE_POS = "image_pos";
    public static final String IMAGE_BIAS = "image_bias";
    static final String INPUT_IDS = "input_ids";
    static final String POSITION_IDS = "position_ids";
    static final String TEXT_MASK = "text_mask";
    static final String TEXT_OUT = "text_tokens";
    /** Weight prefix of the passthrough stage's projection ({@link ModelConfig#passthrough()}). */
    static final String PASSTHROUGH_PROJ = "passthrough_proj";

    private final ModelConfig cfg;
    private final SameDiff imageGraph;
    private final SameDiff groundGraph;
    private final String imageOut;
    /** The image graph's fixed execution plan; null where the graph needs an op the plan does not run. */
    private final ExecutionPlan imagePlan;

    private final List<String> logitNames = new ArrayList<>();
    private final List<String> boxNames = new ArrayList<>();

    private GrounderModel(ModelConfig cfg, StateDict weights) {
        this.cfg = cfg;
        imageGraph = SameDiff.create();
        SDVariable image = imageGraph.placeHolder(IMAGE, DataType.FLOAT, -1, 3, cfg.imageSize(), cfg.imageSize());
        imageOut = imageTokens(new Nn(imageGraph, weights, false), image, cfg, weights, false)
                .name();
        // the same kernels on the same numbers, without SameDiff's per-pass session (benchmarks/README.md)
        imagePlan = ExecutionPlan.supports(imageGraph, IMAGE, imageOut)
                ? new ExecutionPlan(imageGraph, IMAGE, imageOut)
                : null;

        groundGraph = SameDiff.create();
        int d = cfg.transformer().d();
        SDVariable tokens = groundGraph.placeHolder(IMAGE_TOKENS, DataType.FLOAT, -1, cfg.imageTokens(), d);
        List<SDVariable[]> out = grounding(new Nn(groundGraph, weights, false), tokens, cfg, 0.0);
        for (SDVariable[] o : out) {
            logitNames.add(o[0].name());
            boxNames.add(o[1].name());
        }
    }

    /** Builds the inference graphs with constant weights. */
    public static GrounderModel forInference(ModelConfig cfg, StateDict weights) {
        return new GrounderModel(cfg, weights);
    }

    public ModelConfig config() {
        return cfg;
    }

    /**
     * Image encoder: backbone, 1x1 projection to d, flattened row-major.
     *
     * @return {@code [N, HW, d]}
     */
    static SDVariable imageTokens(Nn nn, SDVariable image, ModelConfig cfg, StateDict weights, boolean trainable) {
        return imageTokens(nn, image, cfg, weights, trainable, false);
    }

    /**
     * As above; {@code batchStats}: the whole backbone trains with batch-statistics BatchNorm (from scratch). With
     * a {@link ModelConfig#passthrough()} stage, its features folded space-to-depth into each token's cell are
     * projected to d as well and added ({@code passthrough_proj}).
     */
    static SDVariable imageTokens(
            Nn nn, SDVariable image, ModelConfig cfg, StateDict weights, boolean trainable, boolean batchStats) {
        SameDiff sd = nn.sd();
        SDVariable[] stages = Backbone.stages(
                sd,
                BACKBONE,
                image,
                cfg.backbone(),
                weights.sub(BACKBONE),
                trainable,
                trainable ? Backbone.TRAINING_LAYOUT : Backbone.INFERENCE_LAYOUT,
                batchStats,
                cfg.passthroughLayer());
        SDVariable proj = project(
                nn,
                "input_proj",
                stages[0],
                cfg.backbone().outChannels(),
                cfg.transformer().d());
        if (cfg.passthrough() > 0) {
            SDVariable fine = spaceToDepth(
                    sd,
                    stages[1],
                    cfg.backbone().channels(cfg.passthroughLayer()),
                    cfg.featureSide(),
                    cfg.backbone().stride() / cfg.passthrough());
            proj = proj.add(project(
                    nn,
                    PASSTHROUGH_PROJ,
                    fine,
                    cfg.passthroughChannels(),
                    cfg.transformer().d()));
        }
        SDVariable flat = sd.reshape(proj, -1, cfg.transformer().d(), cfg.imageTokens());
        return sd.permute(IMAGE_TOKENS + "_out", flat, 0, 2, 1);
    }

    /** A 1x1 convolution {@code [N, c, S, S] -> [N, d, S, S]} with weights {@code name.weight [d, c, 1, 1]}, {@code name.bias}. */
    private static SDVariable project(Nn nn, String name, SDVariable x, int c, int d) {
        // YXIO layout: conv2d_bp of SameDiff 1.0.0-M2.1 ignores other weight formats
        SDVariable w = nn.sd().permute(nn.param(name + ".weight", d, c, 1, 1), 2, 3, 1, 0);
        SDVariable b = nn.param(name + ".bias", d);
        return nn.sd()
                .cnn
                .conv2d(
                        name,
                        x,
                        w,
                        b,
                        org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder()
                                .kH(1)
                                .kW(1)
                                .sH(1)
                                .sW(1)
                                .paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.VALID)
                                .dataFormat("NCHW")
                                .weightsFormat(org.nd4j.enums.WeightsFormat.YXIO)
                                .build());
    }

    /**
     * {@code [N, c, side*b, side*b] -> [N, c*b*b, side, side]}: each output cell holds its {@code b x b} input cells,
     * channel {@code (ch * b + dy) * b + dx}. Reshapes and a permutation, so the gradient is exact.
     */
    static SDVariable spaceToDepth(SameDiff sd, SDVariable x, int c, int side, int b) {
        SDVariable split = sd.reshape(x, -1, c, side, b, side, b); // [N, c, Y, dy, X, dx]
        SDVariable moved = sd.permute(split, 0, 1, 3, 5, 2, 4); // [N, c, dy, dx, Y, X]
        return sd.reshape(moved, -1, (long) c * b * b, side, side);
    }

    /**
     * Text encoder, fusion, decoder and heads over per-image tokens.
     *
     * @param imageTokens {@code [Nimg, HW, d]}
     * @return per decoder layer {logits [N, Q], boxes [N, Q, 4]}
     */
    static List<SDVariable[]> grounding(Nn nn, SDVariable imageTokens, ModelConfig cfg, double dropout) {
        SameDiff sd = nn.sd();
        int d = cfg.transformer().d();
        // [N, Nimg] one-hot: which image each sentence belongs to (a product, not a gather: see TextEncoder)
        SDVariable select = sd.placeHolder(IMAGE_SELECT, DataType.FLOAT, -1, -1);
        SDVariable pos = sd.placeHolder(IMAGE_POS, DataType.FLOAT, -1, cfg.imageTokens(), d);
        SDVariable imgBias = sd.placeHolder(IMAGE_BIAS, DataType.FLOAT, -1, cfg.imageTokens());
        SDVariable ids = sd.placeHolder(INPUT_IDS, DataType.INT, -1, -1);
        SDVariable positionIds = sd.placeHolder(POSITION_IDS, DataType.INT, -1);
        SDVariable textMask = sd.placeHolder(TEXT_MASK, DataType.FLOAT, -1, -1);

        SDVariable text = sd.identity(
                TEXT_OUT, TextEncoder.build(nn, ids, positionIds, textMask, cfg.text(), d, dropout)); // [N, T, d]
        SDVariable img = sd.reshape(
                select.mmul(sd.reshape(imageTokens, -1, (long) cfg.imageTokens() * d)),
                -1,
                cfg.imageTokens(),
                d); // [N, HW, d]
        SDVariable memory = sd.concat(1, img, text); // [N, S, d]
        SDVariable memPos = sd.concat(1, pos, text.mul(0.0));
        SDVariable bias = sd.concat(1, imgBias, textMask.rsub(1.0).mul(Nn.MASKED)); // [N, S]
        SDVariable keyBias = sd.expandDims(sd.expandDims(bias, 1), 1); // [N, 1, 1, S]
        TransformerConfig t = cfg.transformer();
        TransformerConfig withDropout = t.withDropout(dropout);
        List<SDVariable> hs;
        SDVariable reference = null;
        if (t.querySelection()) {
            SDVariable fused = FusionTransformer.encode(nn, memory, memPos, keyBias, withDropout);
            QuerySelection.Selected q = QuerySelection.build(nn, fused, pos, imgBias, cfg);
            hs = FusionTransformer.decode(nn, fused, memPos, keyBias, q.content(), q.position(), withDropout);
            reference = q.reference();
        } else {
            hs = FusionTransformer.build(nn, memory, memPos, keyBias, withDropout);
        }
        List<SDVariable[]> out = new ArrayList<>();
        for (int l = 0; l < hs.size(); l++) {
            SDVariable logits = sd.identity("logits_" + l, Heads.confidence(nn, hs.get(l), d));
            SDVariable boxes = sd.identity("boxes_" + l, Heads.boxes(nn, hs.get(l), d, reference));
            out.add(new SDVariable[] {logits, boxes});
        }
        return out;
    }

    /** @return {@code [N, HW, d]} image tokens of {@code pixels [N, 3, S, S]} */
    public INDArray encodeImages(INDArray pixels) {
        INDArray x = pixels.castTo(DataType.FLOAT);
        return imagePlan != null ? imagePlan.output(x) : imageGraph.outputSingle(Map.of(IMAGE, x), imageOut);
    }

    /**
     * Grounds sentences on already encoded images.
     *
     * @param imageTokens {@code [Nimg, HW, d]} from {@link #encodeImages}
     * @param images      the same images' content sizes (pixels are not read)
     * @param imageIndex  for each sentence, the image it belongs to
     * @param text        the sentences, tokenised
     */
    public ModelOutputs ground(INDArray imageTokens, ImageBatch images, int[] imageIndex, TokenBatch text) {
        if (imageIndex.length != text.size()) {
            throw new IllegalArgumentException(text.size() + " sentences but " + imageIndex.length + " image indices");
        }
        Map<String, INDArray> feed = new HashMap<>(Inputs.images(cfg, images, imageIndex));
        feed.putAll(Inputs.text(text));
        feed.put(IMAGE_TOKENS, imageTokens);
        List<String> names = new ArrayList<>(logitNames);
        names.addAll(boxNames);
        Map<String, INDArray> out = groundGraph.output(feed, names);
        List<INDArray> logits = new ArrayList<>(), boxes = new ArrayList<>();
        for (int l = 0; l < logitNames.size(); l++) {
            logits.add(out.get(logitNames.get(l)));
            boxes.add(out.get(boxNames.get(l)));
        }
        return new ModelOutputs(logits, boxes);
    }

    /**
     * The text encoder alone ({@code [N, T, d]} after the projection), for profiling: SameDiff runs only the part
     * of the grounding graph that this output needs.
     */
    public INDArray encodeText(TokenBatch text) {
        return groundGraph.outputSingle(Inputs.text(text), TEXT_OUT);
    }

    /** Both stages for one batch: each sentence {@code i} on image {@code imageIndex[i]}. */
    public ModelOutputs forward(ImageBatch images, int[] imageIndex, TokenBatch text) {
        return ground(encodeImages(images.pixels()), images, imageIndex, text);
    }

    /** Releases the native memory of both graphs' weights. */
    @Override
    public void close() {
        if (imagePlan != null) {
            imagePlan.close();
        }
        for (SameDiff sd : new SameDiff[] {imageGraph, groundGraph}) {
            for (var v : sd.variables()) {
                INDArray a = v.getArr();
                if (a != null && !a.wasClosed() && a.closeable()) {
                    a.close();
                }
            }
        }
    }
}

package org.ground4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.model.Backbone;
import org.ground4j.core.model.BackboneConfig;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelFlops;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.core.text.SentenceTokenizer;
import org.ground4j.infer.GroundedReport;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.GrounderOptions;
import org.ground4j.infer.ImageInput;
import org.ground4j.train.PreparedBatch;
import org.ground4j.train.TrainStep;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What one child JVM of {@link Bench} measures: one row spec ({@code encoder:640}, {@code backbone:NHWC_OYXI:640},
 * {@code train:paper:2:7}, ...), with the options the parent passed. Each method returns its measurements without
 * peak memory; {@link Bench} adds the child's VmHWM.
 */
final class Workloads {

    static final String OURS = "ground4j";

    private final BenchOptions o;
    private final int threads;

    Workloads(BenchOptions options, int threads) {
        this.o = options;
        this.threads = threads;
    }

    List<Measurement> run(String spec) {
        String[] p = spec.split(":");
        return switch (p[0]) {
            case "peak" -> List.of(peak());
            case "encoder" -> List.of(encoder(Integer.parseInt(p[1])));
            case "backbone" -> List.of(backbone(Backbone.Layout.valueOf(p[1]), Integer.parseInt(p[2])));
            case "sentence" -> List.of(sentence(Integer.parseInt(p[1]), p.length > 2 ? p[2] : "sentence"));
            case "report" -> List.of(report(Integer.parseInt(p[1]), Integer.parseInt(p[2])));
            case "mdetr" -> mdetr(ints(p[1]));
            case "train" ->
                List.of(train(
                        p[1],
                        Integer.parseInt(p[2]),
                        Integer.parseInt(p[3]),
                        p.length > 4 ? Integer.parseInt(p[4]) : 1));
            case "peers" -> new PeerComparison(o, threads).run(Integer.parseInt(p[1]));
            case "trainpeers" ->
                new TrainPeerComparison(o, threads)
                        .run(
                                Integer.parseInt(p[1]),
                                Integer.parseInt(p[2]),
                                org.ground4j.train.Checkpointing.valueOf(p[3]));
            default -> throw new IllegalArgumentException("unknown row spec " + spec);
        };
    }

    /** ND4J SGEMM of two {@code n x n} matrices: the practical peak the other rows are compared with. */
    Measurement peak() {
        int n = o.sgemmN;
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.zeros(DataType.FLOAT, n, n);
        Timing.Stats s = Timing.measure(
                Math.max(2, o.warmup), Math.max(5, o.runs), () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
        return new Measurement(
                "ND4J SGEMM " + n + "x" + n,
                "peak",
                OURS,
                threads,
                s.runs(),
                2.0 * n * n * n,
                -1,
                0,
                "practical peak: the floor of every other row is its FLOPs at this rate");
    }

    /** The image encoder of the configuration (backbone + input projection), as {@link Grounder} runs it. */
    Measurement encoder(int size) {
        ModelConfig cfg = o.config(size);
        try (GrounderModel m = GrounderModel.forInference(cfg, ModelInit.init(cfg, 1))) {
            INDArray px = pixels(cfg.imageSize());
            Timing.Stats s = Timing.measure(o.warmup, o.runs, () -> m.encodeImages(px));
            return new Measurement(
                    "image encoder, " + o.configName + " @" + size,
                    "encoder",
                    OURS,
                    threads,
                    s.runs(),
                    2 * ModelFlops.of(cfg, 16).imageEncoderMacs(),
                    -1,
                    size,
                    "ResNet-" + cfg.backbone().depth() + " + input projection; default inference layout");
        }
    }

    /** The configuration's backbone alone in one memory layout, to show what each layout costs. */
    Measurement backbone(Backbone.Layout layout, int size) {
        BackboneConfig bc = o.config(size).backbone();
        StateDict w = Backbone.init(bc, 1);
        SameDiff sd = SameDiff.create();
        SDVariable img = sd.placeHolder("image", DataType.FLOAT, -1, 3, size, size);
        String out = Backbone.build(sd, "backbone", img, bc, w, false, layout).name();
        INDArray px = pixels(size);
        Timing.Stats s = Timing.measure(o.warmup, o.runs, () -> sd.outputSingle(Map.of("image", px), out));
        return new Measurement(
                "backbone ResNet-" + bc.depth() + " @" + size + ", " + layout,
                "backbone",
                OURS,
                threads,
                s.runs(),
                2.0 * Backbone.macs(bc, size, size),
                -1,
                size,
                "BatchNorm folded");
    }

    /** Full grounding of one sentence: decode the 16-bit PNG, letterbox, both model stages, post-processing. */
    Measurement sentence(int size, String group) {
        ModelConfig cfg = o.config(size);
        String sentence = BenchFixtures.SENTENCES.get(0);
        try (Grounder g = grounder(cfg)) {
            ImageInput image = image();
            Timing.Stats s = Timing.measure(o.warmup, o.runs, () -> g.ground(image, sentence));
            int t = tokens(cfg, List.of(sentence));
            ModelFlops f = ModelFlops.of(cfg, t);
            return new Measurement(
                    "ground 1 sentence, " + o.configName + " @" + size,
                    group,
                    OURS,
                    threads,
                    s.runs(),
                    2 * f.totalMacs(),
                    -1,
                    size,
                    imageNote() + ", " + t + " tokens");
        }
    }

    /** Full grounding of a report of {@code n} sentences: one image encoding, one batch of n sentences. */
    Measurement report(int n, int size) {
        ModelConfig cfg = o.config(size);
        String report = BenchFixtures.report(n);
        try (Grounder g = grounder(cfg)) {
            ImageInput image = image();
            GroundedReport r = g.groundReport(image, report);
            check(
                    r.sentences().size() == n,
                    "the splitter found " + r.sentences().size() + " sentences, not " + n);
            Timing.Stats s = Timing.measure(o.warmup, o.runs, () -> g.groundReport(image, report));
            return new Measurement(
                    "ground " + n + "-sentence report, " + o.configName + " @" + size,
                    "report",
                    OURS,
                    threads,
                    s.runs(),
                    reportFlops(cfg, BenchFixtures.SENTENCES.subList(0, n)),
                    -1,
                    n,
                    imageNote() + ", " + tokens(cfg, BenchFixtures.SENTENCES.subList(0, n)) + " tokens (padded)");
        }
    }

    /**
     * For each N, our report path (one image encoding, N sentences in one batch:
     * {@link Grounder#groundReport}) against the MDETR-style path that runs the whole model once per sentence (the
     * same code without feature reuse: N calls of {@link Grounder#ground}). The two alternate run by run.
     */
    List<Measurement> mdetr(int[] ns) {
        ModelConfig cfg = o.config(o.size());
        List<Measurement> out = new ArrayList<>();
        try (Grounder g = grounder(cfg)) {
            ImageInput image = image();
            for (int n : ns) {
                String report = BenchFixtures.report(n);
                List<String> sentences = BenchFixtures.SENTENCES.subList(0, n);
                check(
                        g.groundReport(image, report).sentences().size() == n,
                        "the splitter did not find " + n + " sentences");
                Runnable reportPath = () -> g.groundReport(image, report);
                Runnable perSentence = () -> sentences.forEach(s -> g.ground(image, s));
                for (int i = 0; i < Math.min(1, o.warmup); i++) {
                    Timing.once(reportPath);
                    Timing.once(perSentence);
                }
                double[] a = new double[o.runs], b = new double[o.runs];
                for (int i = 0; i < o.runs; i++) {
                    a[i] = Timing.once(reportPath);
                    b[i] = Timing.once(perSentence);
                }
                double perSentenceFlops = 0;
                for (String s : sentences) {
                    perSentenceFlops +=
                            2 * ModelFlops.of(cfg, tokens(cfg, List.of(s))).totalMacs();
                }
                String at = o.configName + " @" + cfg.imageSize();
                out.add(new Measurement(
                        "report path, N=" + n + ", " + at,
                        "report-vs-mdetr",
                        OURS,
                        threads,
                        a,
                        reportFlops(cfg, sentences),
                        -1,
                        n,
                        "1 image encoding + 1 batch of " + n));
                out.add(new Measurement(
                        "per-sentence path, N=" + n + ", " + at,
                        "report-vs-mdetr",
                        "MDETR-style",
                        threads,
                        b,
                        perSentenceFlops,
                        -1,
                        n,
                        n + " x (image encoding + 1 sentence)"));
            }
        }
        return out;
    }

    /**
     * One training step (matching forward, forward and backward, AdamW) on random data: {@code images} images with
     * {@code sentences} sentences of 12 tokens among them, the batch TrainStepProfile uses; with {@code workers}
     * above 1 the images are split into that many parts on as many graph replicas and threads (data parallel).
     */
    Measurement train(String preset, int images, int sentences, int workers) {
        ModelConfig cfg = preset.equals("paper")
                ? ModelConfig.paper()
                : preset.equals("tiny") ? ModelConfig.tiny(800) : ModelConfig.cpu(800);
        StateDict w = ModelInit.init(cfg, 1);
        LossWeights loss = LossWeights.defaults();
        List<TrainingGraph> replicas = new ArrayList<>();
        for (int r = 0; r < workers; r++) {
            replicas.add(TrainingGraph.build(
                    cfg,
                    w,
                    TrainingOptions.DEFAULT
                            .withDropout(cfg.transformer().dropout())
                            .withDenseHead(loss.dense() > 0)));
        }
        TrainStep step = new TrainStep(
                replicas,
                loss,
                HungarianMatcher.defaults(),
                new AdamW(0.9, 0.999, 1e-8, 1e-4),
                ParamGroups.mdetr(),
                0.1,
                org.ground4j.train.Checkpointing.NONE);
        List<PreparedBatch> parts = new ArrayList<>();
        for (int r = 0; r < workers; r++) { // images and sentences shared out as evenly as the Trainer does
            int im = images / workers + (r >= workers - images % workers ? 1 : 0);
            int se = sentences / workers + (r >= workers - sentences % workers ? 1 : 0);
            parts.add(TrainStepProfile.batch(cfg, im, se, 12));
        }
        long[] seed = {0};
        Timing.Stats s = Timing.measure(
                Math.max(1, Math.min(o.warmup, 2)), o.trainRuns, () -> step.run(parts, 0, 1.0, seed[0]++));
        String name = "train step, " + preset + " (" + images + " images, " + sentences + " sentences"
                + (workers > 1 ? ", " + workers + " workers" : "") + ")";
        return new Measurement(
                name,
                "train",
                OURS,
                threads,
                s.runs(),
                trainFlops(cfg, images, sentences, 12),
                -1,
                0,
                "FLOPs: forward + backward (stem and layer1 frozen)");
    }

    /**
     * FLOPs of a training step: one forward, and the backward at twice the forward (input and weight gradients) for
     * everything but the frozen stem and layer1 (no gradients there). Recomputation under checkpointing is not
     * counted: the floor is the work the step needs, not the work a memory-saving schedule adds.
     */
    static double trainFlops(ModelConfig cfg, int images, int sentences, int tokens) {
        ModelFlops f = ModelFlops.of(cfg, tokens);
        double forward = images * f.imageEncoderMacs() + sentences * (f.textEncoderMacs() + f.fusionDecoderMacs());
        BackboneConfig b = cfg.backbone();
        double frozen = images
                * (double) Backbone.macs(
                        new BackboneConfig(b.depth(), b.width(), 1, b.bnEps()), cfg.imageSize(), cfg.imageSize());
        return 2 * (forward + 2 * (forward - frozen));
    }

    /** FLOPs of one report: one image encoding, N sentences padded to the longest. */
    private double reportFlops(ModelConfig cfg, List<String> sentences) {
        ModelFlops f = ModelFlops.of(cfg, tokens(cfg, sentences));
        return 2 * (f.imageEncoderMacs() + sentences.size() * (f.textEncoderMacs() + f.fusionDecoderMacs()));
    }

    private Grounder grounder(ModelConfig cfg) {
        Checkpoint ckpt = BenchFixtures.checkpoint(cfg);
        return Grounder.of(ckpt, GrounderOptions.fromCheckpoint(), "untrained " + o.configName + " checkpoint");
    }

    private ImageInput image() {
        return ImageInput.of(BenchFixtures.png16(o.imageWidth, o.imageHeight, 7), "synthetic 16-bit PNG");
    }

    private String imageNote() {
        return o.imageWidth + "x" + o.imageHeight + " 16-bit PNG decoded each call";
    }

    /** Padded token count of a batch of sentences, as the grounder's tokenizer makes it. */
    private static int tokens(ModelConfig cfg, List<String> sentences) {
        try {
            Path tmp = Files.createTempFile("bench-tokenizer-", ".json");
            try {
                Files.write(tmp, BenchFixtures.tokenizerJson());
                try (SentenceTokenizer tok = new SentenceTokenizer(tmp, cfg.maxTextLength())) {
                    TokenBatch b = tok.encode(sentences);
                    return b.length();
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static INDArray pixels(int size) {
        Nd4j.getRandom().setSeed(1);
        return Nd4j.randn(DataType.FLOAT, 1, 3, size, size);
    }

    static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static void check(boolean ok, String why) {
        if (!ok) {
            throw new IllegalStateException(why);
        }
    }
}

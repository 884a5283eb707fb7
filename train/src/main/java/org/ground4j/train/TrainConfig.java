package org.ground4j.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.augment.AugmentConfig;
import org.ground4j.core.io.ConfigErrors;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.ParamGroups;

/**
 * One training run, as {@code run.yaml} states it; saved, resolved, beside the checkpoints. Relative paths
 * are relative to the folder of the YAML file.
 *
 * <pre>{@code
 * stage: both                 # weak | expert | both (weak pretraining, then expert fine-tuning)
 * model: cpu                  # tiny | cpu | paper, or a model.yaml
 * tokenizer: tokenizer.json
 * data: {weak_train: synth/weak.jsonl, weak_val: val/weak.jsonl, expert_train: synth/expert.jsonl, expert_val: val/expert.jsonl}
 * out: runs/demo
 * seed: 42
 * epochs: {weak: 2, expert: 20}
 * batch_images: 4
 * lr: {backbone: 1.0e-4, text: 2.0e-4, rest: 4.0e-4, drop_epoch: 0, gamma: 0.1}
 * }</pre>
 *
 * @param stage            weak, expert or both
 * @param model            preset (tiny, cpu, paper) or path of a model configuration
 * @param tokenizer        tokenizer.json
 * @param init             checkpoint to start from (e.g. made by {@code ground4j import}); null for fresh weights
 * @param data             sample files
 * @param out              run folder
 * @param seed             seed of weights, data order, augmentation and dropout
 * @param epochs           epochs per stage
 * @param batchImages      images per step (each with all of its sentences)
 * @param lr               learning rates per parameter group
 * @param weightDecay      AdamW decoupled weight decay
 * @param gradClip         global gradient-norm bound (0: none)
 * @param warmupSteps      linear learning-rate warm-up at the start of each stage
 * @param loss             criterion weights
 * @param matcher          matching cost weights
 * @param augment          augmentation, or null for none
 * @param dropout          dropout in text encoder and transformer during training
 * @param maxNonFinite     consecutive NaN/infinite steps that stop the run
 * @param checkpointEvery  steps between resumable checkpoints (the end of every epoch saves too)
 * @param maxSteps         stop each stage after this many steps (0: no limit; for tests and smoke runs)
 * @param valLimit         validate on at most this many samples (0: all)
 * @param batchNorm        {@code frozen} (default): DETR's frozen BatchNorm, stem and layer1 fixed, for weights
 *                         that start from a pretrained backbone; {@code train}: the whole backbone trains with
 *                         BatchNorm on batch statistics (running averages for inference), for fresh weights
 * @param workers          graph replicas that share each step's images and run on as many threads at once
 *                         (data parallel, {@link TrainStep}); 1 (the default) runs the whole batch on one graph.
 *                         With {@code OMP_NUM_THREADS=1}, 2 workers use both cores of a 2-core machine
 * @param accumulate       parts each step's images are run in one after the other (per worker), their gradients
 *                         summed before one AdamW update: the same update as the whole batch at once, in the memory
 *                         of one part (default 1). {@code batch_images} must be at least {@code workers * accumulate}
 * @param checkpointing    {@code none} (default), {@code backbone} or {@code all}: which activations are recomputed in
 *                         the backward instead of kept ({@link Checkpointing})
 */
public record TrainConfig(
        @JsonProperty("stage") Stage stage,
        @JsonProperty("model") String model,
        @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("init") String init,
        @JsonProperty("data") Data data,
        @JsonProperty("out") String out,
        @JsonProperty("seed") long seed,
        @JsonProperty("epochs") Epochs epochs,
        @JsonProperty("batch_images") int batchImages,
        @JsonProperty("lr") ParamGroups lr,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("grad_clip") double gradClip,
        @JsonProperty("warmup_steps") int warmupSteps,
        @JsonProperty("loss") LossWeights loss,
        @JsonProperty("matcher") HungarianMatcher matcher,
        @JsonProperty("augment") Augment augment,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("max_non_finite") int maxNonFinite,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("max_steps") int maxSteps,
        @JsonProperty("val_limit") int valLimit,
        @JsonProperty("batch_norm") TrainingOptions.BatchNorm batchNorm,
        @JsonProperty("workers") int workers,
        @JsonProperty("accumulate") int accumulate,
        @JsonProperty("checkpointing") Checkpointing checkpointing) {

    /** Which stages a run trains; written in YAML as {@code weak}, {@code expert} or {@code both}. */
    public enum Stage {
        WEAK,
        EXPERT,
        BOTH;

        /** The YAML spelling. */
        @JsonValue
        public String yaml() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a spelling that is none of the three */
        @JsonCreator
        public static Stage of(String yaml) {
            for (Stage s : values()) {
                if (s.yaml().equals(yaml)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("stage must be weak, expert or both, got \"" + yaml + "\"");
        }
    }

    /** Sample files of each stage (JSONL, DESIGN.md section 6). */
    public record Data(
            @JsonProperty("weak_train") String weakTrain,
            @JsonProperty("weak_val") String weakVal,
            @JsonProperty("expert_train") String expertTrain,
            @JsonProperty("expert_val") String expertVal) {}

    /** Epochs of each stage. */
    public record Epochs(
            @JsonProperty("weak") int weak,
            @JsonProperty("expert") int expert) {}

    /** Augmentation settings in YAML form. */
    public record Augment(
            @JsonProperty("noise_sigma") double noiseSigma,
            @JsonProperty("crop_probability") double cropProbability,
            @JsonProperty("min_crop_fraction") double minCropFraction,
            @JsonProperty("min_visible_fraction") double minVisibleFraction) {

        public AugmentConfig toConfig() {
            return new AugmentConfig(noiseSigma, cropProbability, minCropFraction, minVisibleFraction);
        }
    }

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Fills defaults and checks the values; messages name the field. */
    public TrainConfig {
        stage = stage == null ? Stage.EXPERT : stage;
        model = model == null ? "cpu" : model;
        if (tokenizer == null) {
            throw new IllegalArgumentException(
                    "tokenizer: a tokenizer.json is required (make one with ground4j vocab)");
        }
        if (data == null) {
            throw new IllegalArgumentException("data: the sample files are required");
        }
        if (stage != Stage.WEAK && (data.expertTrain() == null || data.expertVal() == null)) {
            throw new IllegalArgumentException("data.expert_train and data.expert_val are required for stage " + stage);
        }
        if (stage != Stage.EXPERT && (data.weakTrain() == null || data.weakVal() == null)) {
            throw new IllegalArgumentException("data.weak_train and data.weak_val are required for stage " + stage);
        }
        out = out == null ? "runs/ground4j" : out;
        epochs = epochs == null ? new Epochs(2, 10) : epochs;
        batchImages = batchImages == 0 ? 4 : batchImages;
        if (batchImages < 1) {
            throw new IllegalArgumentException("batch_images must be positive, got " + batchImages);
        }
        lr = lr == null ? ParamGroups.mdetr() : lr;
        loss = loss == null ? LossWeights.defaults() : loss;
        matcher = matcher == null ? HungarianMatcher.defaults() : matcher;
        maxNonFinite = maxNonFinite == 0 ? 5 : maxNonFinite;
        checkpointEvery = checkpointEvery == 0 ? 200 : checkpointEvery;
        batchNorm = batchNorm == null ? TrainingOptions.BatchNorm.FROZEN : batchNorm;
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0,1), got " + dropout);
        }
        workers = workers == 0 ? 1 : workers;
        if (workers < 1 || workers > batchImages) {
            throw new IllegalArgumentException(
                    "workers must lie in [1, batch_images = " + batchImages + "], got " + workers);
        }
        accumulate = accumulate == 0 ? 1 : accumulate;
        if (accumulate < 1 || (long) workers * accumulate > batchImages) {
            throw new IllegalArgumentException("accumulate must lie in [1, batch_images / workers = "
                    + batchImages / workers + "], got " + accumulate);
        }
        checkpointing = checkpointing == null ? Checkpointing.NONE : checkpointing;
    }

    /** Reads a run file; relative paths become relative to its folder. */
    public static TrainConfig load(Path file) {
        try {
            TrainConfig c = YAML.readValue(Files.readAllBytes(file), TrainConfig.class);
            return c.resolveAgainst(file.toAbsolutePath().getParent());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": invalid run configuration: " + ConfigErrors.describe(e), e);
        }
    }

    /** The same configuration with every path made absolute against {@code dir}. */
    public TrainConfig resolveAgainst(Path dir) {
        Data d = new Data(
                abs(dir, data.weakTrain()),
                abs(dir, data.weakVal()),
                abs(dir, data.expertTrain()),
                abs(dir, data.expertVal()));
        String m = List.of("tiny", "cpu", "paper").contains(model) ? model : abs(dir, model);
        return new TrainConfig(
                stage,
                m,
                abs(dir, tokenizer),
                abs(dir, init),
                d,
                abs(dir, out),
                seed,
                epochs,
                batchImages,
                lr,
                weightDecay,
                gradClip,
                warmupSteps,
                loss,
                matcher,
                augment,
                dropout,
                maxNonFinite,
                checkpointEvery,
                maxSteps,
                valLimit,
                batchNorm,
                workers,
                accumulate,
                checkpointing);
    }

    private static String abs(Path dir, String p) {
        return p == null ? null : dir.resolve(p).normalize().toString();
    }

    /** The model configuration this run trains, for a tokenizer of {@code vocabSize} tokens. */
    public ModelConfig modelConfig(int vocabSize) {
        return switch (model) {
            case "tiny" -> ModelConfig.tiny(vocabSize);
            case "cpu" -> ModelConfig.cpu(vocabSize);
            case "paper" -> ModelConfig.paper();
            default -> ModelConfig.load(Path.of(model), vocabSize); // text.vocab_size 0 or absent: the tokenizer's
        };
    }

    /** Whether the backbone trains whole with batch-statistics BatchNorm. */
    @JsonIgnore
    public boolean batchStats() {
        return batchNorm == TrainingOptions.BatchNorm.TRAIN;
    }

    /** What the training graph adds to the model: dropout, the dense head the dense loss needs, BatchNorm. */
    @JsonIgnore
    public TrainingOptions trainingOptions() {
        return new TrainingOptions(dropout, loss.dense() > 0, batchNorm);
    }

    /** The stages to run, in order. */
    @JsonIgnore
    public List<String> stages() {
        return stage == Stage.BOTH ? List.of(Stage.WEAK.yaml(), Stage.EXPERT.yaml()) : List.of(stage.yaml());
    }

    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

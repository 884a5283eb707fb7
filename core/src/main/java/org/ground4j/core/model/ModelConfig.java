package org.ground4j.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.ConfigErrors;

/**
 * The whole network's configuration: one immutable tree, read from and written to YAML or JSON, saved
 * beside every checkpoint. Three presets: {@link #paper()} (ResNet-101, 640 px, d 256, 6 + 6 layers,
 * 100 queries: what benchmarks measure), {@link #cpu(int)} (what trains on two CPU cores in an hour) and
 * {@link #tiny(int)} (tests).
 *
 * <pre>{@code
 * ModelConfig cfg = ModelConfig.load(Path.of("model.yaml"));
 * cfg.save(Path.of("run/model.yaml"));
 * }</pre>
 *
 * @param backbone    image encoder
 * @param text        text encoder
 * @param transformer fusion encoder, decoder, queries
 * @param imageSize   side of the square model input (longer image side resized to it, the rest padded)
 * @param maxTextLength tokens per sentence after truncation (at most {@code text.max_positions})
 * @param passthrough stride of an earlier backbone stage whose features every image token also sees, folded
 *                    space-to-depth into the token's cell (YOLOv2's passthrough layer): 0 (default) for none; 4
 *                    (layer1) or 8 (layer2) with a stride-16 backbone. A stride-16 token then knows where inside
 *                    its cell things lie, at the cost of one more 1x1 projection, not of 4x the tokens.
 */
public record ModelConfig(
        @JsonProperty("backbone") BackboneConfig backbone,
        @JsonProperty("text") TextEncoderConfig text,
        @JsonProperty("transformer") TransformerConfig transformer,
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("max_text_length") int maxTextLength,
        @JsonProperty("passthrough") int passthrough) {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** @throws IllegalArgumentException when parts are missing or do not fit together */
    public ModelConfig {
        if (backbone == null || text == null || transformer == null) {
            throw new IllegalArgumentException("model config needs backbone, text and transformer sections");
        }
        Checks.positive("image_size", imageSize);
        if (imageSize % backbone.stride() != 0) {
            throw new IllegalArgumentException("image_size (" + imageSize
                    + ") must be a multiple of the backbone stride (" + backbone.stride() + ")");
        }
        int tokens = imageTokens(imageSize, backbone);
        if (transformer.querySelection() && transformer.queries() > tokens) {
            throw new IllegalArgumentException("transformer.queries (" + transformer.queries() + ") exceeds the "
                    + tokens + " image tokens that query_selection chooses from");
        }
        Checks.positive("max_text_length", maxTextLength);
        if (maxTextLength > text.maxPositions()) {
            throw new IllegalArgumentException(
                    "max_text_length (" + maxTextLength + ") exceeds text.max_positions (" + text.maxPositions() + ")");
        }
        if (passthrough != 0
                && (Integer.bitCount(passthrough) != 1 || passthrough < 4 || passthrough >= backbone.stride())) {
            throw new IllegalArgumentException("passthrough must be 0 (none) or the stride of an earlier backbone "
                    + "stage (4, 8, ... below the backbone stride " + backbone.stride() + "), got " + passthrough);
        }
    }

    /** Without a passthrough stage. */
    public ModelConfig(
            BackboneConfig backbone,
            TextEncoderConfig text,
            TransformerConfig transformer,
            int imageSize,
            int maxTextLength) {
        this(backbone, text, transformer, imageSize, maxTextLength, 0);
    }

    /** The backbone stage (1-based, {@code layerN}) of the passthrough features; 0 without. */
    public int passthroughLayer() {
        return passthrough == 0 ? 0 : Integer.numberOfTrailingZeros(passthrough) - 1;
    }

    /** Channels of the passthrough features after space-to-depth: the stage's channels x (stride / passthrough)^2. */
    public int passthroughChannels() {
        if (passthrough == 0) {
            return 0;
        }
        int block = backbone.stride() / passthrough;
        return backbone.channels(passthroughLayer()) * block * block;
    }

    /** The paper's configuration: ResNet-101 at 640, BERT-base text, d 256, 6 + 6 layers, 8 heads, 100 queries. */
    public static ModelConfig paper() {
        return new ModelConfig(
                BackboneConfig.resnet101(), TextEncoderConfig.bertBase(30522), TransformerConfig.detr(), 640, 64);
    }

    /**
     * The CPU training configuration (DESIGN.md section 2): ResNet-18 layout at quarter width with layer4 dropped
     * (stride 16), 256 px, d 128, 3 + 3 layers, 4 heads, 16 queries selected from the fused image tokens, a
     * 2-layer text encoder. Query selection is on: it is what made this configuration read the image (the
     * query-selection ablation in docs/training.md: held-out P@F1=1 49.0 to 57.8, the shuffled-image drop 2.2 to
     * 12.8 points);
     * DETR's learned queries remain {@code transformer.query_selection: false}.
     */
    public static ModelConfig cpu(int vocabSize) {
        return new ModelConfig(
                new BackboneConfig(18, 16, 3, 1e-5),
                new TextEncoderConfig(vocabSize, 128, 2, 4, 256, 64, 2, 1e-12),
                new TransformerConfig(128, 4, 3, 3, 256, 0.1, 16, true),
                256,
                48);
    }

    /** A configuration small enough for unit tests: ResNet-18 at width 4, 64 px, d 16, 1 + 2 layers, 5 queries. */
    public static ModelConfig tiny(int vocabSize) {
        return new ModelConfig(
                new BackboneConfig(18, 4, 3, 1e-5),
                new TextEncoderConfig(vocabSize, 16, 1, 2, 32, 32, 2, 1e-12),
                new TransformerConfig(16, 2, 1, 2, 32, 0.0, 5),
                64,
                16);
    }

    /** Side of the image feature map ({@code image_size / stride}). */
    public int featureSide() {
        return imageSize / backbone.stride();
    }

    private static int imageTokens(int imageSize, BackboneConfig backbone) {
        int side = imageSize / backbone.stride();
        return side * side;
    }

    /** Image tokens per image ({@code featureSide^2}). */
    public int imageTokens() {
        return imageTokens(imageSize, backbone);
    }

    /** Reads YAML ({@code .yaml}/{@code .yml}) or JSON; errors name the file and the field. */
    public static ModelConfig load(Path file) {
        return load(file, 0);
    }

    /**
     * Reads a configuration whose {@code text.vocab_size} may be 0 or absent: it is then {@code vocabSize} (the
     * tokenizer's, in a training run).
     */
    public static ModelConfig load(Path file, int vocabSize) {
        try {
            String name = file.getFileName().toString();
            ObjectMapper m = name.endsWith(".json") ? JSON : YAML;
            com.fasterxml.jackson.databind.JsonNode tree = m.readTree(Files.readAllBytes(file));
            com.fasterxml.jackson.databind.JsonNode text = tree.path("text");
            if (vocabSize > 0 && text.isObject() && text.path("vocab_size").asInt(0) == 0) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) text).put("vocab_size", vocabSize);
            }
            return m.treeToValue(tree, ModelConfig.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": invalid model configuration: " + ConfigErrors.describe(e), e);
        }
    }

    /** YAML text of this configuration. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes YAML (or JSON for a {@code .json} name) atomically. */
    public void save(Path file) {
        try {
            String text = file.getFileName().toString().endsWith(".json") ? JSON.writeValueAsString(this) : toYaml();
            org.ground4j.core.io.AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

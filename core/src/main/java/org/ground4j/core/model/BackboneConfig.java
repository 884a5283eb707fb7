package org.ground4j.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The ResNet image encoder: torchvision layout (stride on the 3x3 convolution), frozen BatchNorm.
 *
 * <pre>{@code
 * BackboneConfig paper = BackboneConfig.resnet101();          // 2048 channels at stride 32
 * BackboneConfig cpu = new BackboneConfig(18, 16, 3, 1e-5);   // quarter width, layer4 dropped: stride 16
 * }</pre>
 *
 * @param depth  18, 34 (basic blocks) or 50, 101 (bottleneck blocks)
 * @param width  channels of the stem and of layer1's planes; torchvision's is 64
 * @param layers how many of layer1..layer4 to build (4: stride 32; 3: stride 16)
 * @param bnEps  epsilon of the frozen BatchNorm (torchvision 1e-5)
 */
public record BackboneConfig(
        @JsonProperty("depth") int depth,
        @JsonProperty("width") int width,
        @JsonProperty("layers") int layers,
        @JsonProperty("bn_eps") double bnEps) {

    /** @throws IllegalArgumentException on an unknown depth, a non-positive width or a layer count outside 1..4 */
    public BackboneConfig {
        if (!List.of(18, 34, 50, 101).contains(depth)) {
            throw new IllegalArgumentException("backbone depth must be 18, 34, 50 or 101, got " + depth);
        }
        if (width < 1) {
            throw new IllegalArgumentException("backbone width must be positive, got " + width);
        }
        if (layers < 1 || layers > 4) {
            throw new IllegalArgumentException("backbone layers must be 1..4, got " + layers);
        }
        if (!(bnEps > 0)) {
            throw new IllegalArgumentException("backbone bn_eps must be positive, got " + bnEps);
        }
    }

    /** The paper's encoder: ResNet-101, full width, C5. */
    public static BackboneConfig resnet101() {
        return new BackboneConfig(101, 64, 4, 1e-5);
    }

    public boolean bottleneck() {
        return depth >= 50;
    }

    /** Blocks per layer, as torchvision. */
    public int[] blocks() {
        return switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            default -> new int[] {3, 4, 23, 3};
        };
    }

    /** Channels of the last built layer (2048 for ResNet-50/101 at width 64). */
    public int outChannels() {
        return channels(layers);
    }

    /** Channels of {@code layer} (1-based: layer1 .. layer4). */
    public int channels(int layer) {
        return width * (1 << (layer - 1)) * (bottleneck() ? 4 : 1);
    }

    /** Downsampling factor of the output features (32 with four layers). */
    public int stride() {
        return 4 << (layers - 1);
    }
}

package org.ground4j.core.model;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ResNet image encoder in SameDiff, in torchvision's layout and naming, with DETR's frozen
 * BatchNorm: every BatchNorm is a fixed per-channel affine map from its running statistics, folded into
 * the convolution before it ({@code w * gamma / sqrt(var + eps)}, bias {@code beta - mean * scale}).
 * The stem and layer1 are constants; layer2..4 convolution weights are trainable variables when asked.
 * Padding is explicit everywhere (oneDNN rejects SAME padding with stride > kernel, STACK.md).
 *
 * <pre>{@code
 * SameDiff sd = SameDiff.create();
 * SDVariable img = sd.placeHolder("image", DataType.FLOAT, -1, 3, 640, 640);
 * StateDict w = Backbone.init(BackboneConfig.resnet101(), 42);
 * SDVariable c5 = Backbone.build(sd, "backbone", img, BackboneConfig.resnet101(), w, false);  // [N, 2048, 20, 20]
 * }</pre>
 */
public final class Backbone {

    private Backbone() {}

    /**
     * Builds the encoder.
     *
     * @param image     {@code [N, 3, H, W]} normalised pixels
     * @param weights   torchvision names without prefix ({@code conv1.weight}, {@code layer2.0.bn1.running_var}, ...)
     * @param trainable whether layer2..4 convolution weights become variables (training) or constants
     * @return {@code [N, outChannels, H/stride, W/stride]}
     */
    public static SDVariable build(
            SameDiff sd, String prefix, SDVariable image, BackboneConfig cfg, StateDict weights, boolean trainable) {
        return build(sd, prefix, image, cfg, weights, trainable, trainable ? TRAINING_LAYOUT : INFERENCE_LAYOUT);
    }

    /**
     * The layout inference uses: channels-last activations with {@code [kH, kW, in, out]} kernels, the fastest
     * of the four on the ResNet-101 at 640 (benchmarks/README.md).
     */
    public static final Layout INFERENCE_LAYOUT = Layout.NHWC_YXIO;

    /**
     * The layout training uses: channels-last activations with {@code [kH, kW, in, out]} kernels, whose gradients
     * equal the NCHW graph's ({@code TrainingGraphTest}) while oneDNN reorders less. Measured on the paper
     * configuration's training step (2 images, 7 sentences, 2 threads): forward 6.3-6.4 s against 7.3-9.4 s in NCHW.
     */
    public static final Layout TRAINING_LAYOUT = Layout.NHWC_YXIO;

    /**
     * Memory layouts of activations and kernels. oneDNN runs its convolutions channels-last; with NCHW
     * activations it reorders every input and output. Measured on the ResNet-101 backbone at 640, one thread
     * (benchmarks/README.md): NCHW 2.0-2.2 s, NHWC 1.43-1.52 s.
     */
    public enum Layout {
        /** NCHW activations, {@code [kH, kW, in, out]} kernels (trainable: M2.1's gradient assumes these kernels). */
        NCHW_YXIO(false, WeightsFormat.YXIO),
        /** NCHW activations, PyTorch's {@code [out, in, kH, kW]} kernels. */
        NCHW_OIYX(false, WeightsFormat.OIYX),
        /** NHWC activations, {@code [out, kH, kW, in]} kernels: the fastest for inference. */
        NHWC_OYXI(true, WeightsFormat.OYXI),
        /** NHWC activations, {@code [kH, kW, in, out]} kernels (trainable); the inference and training layout. */
        NHWC_YXIO(true, WeightsFormat.YXIO);

        final boolean nhwc;
        final WeightsFormat weights;

        Layout(boolean nhwc, WeightsFormat weights) {
            this.nhwc = nhwc;
            this.weights = weights;
        }

        /** A PyTorch {@code [out, in, kH, kW]} kernel in this layout's order. */
        INDArray kernel(INDArray oiyx) {
            return switch (weights) {
                case OIYX -> oiyx;
                case OYXI -> oiyx.permute(0, 2, 3, 1);
                case YXIO -> oiyx.permute(2, 3, 1, 0);
            };
        }
    }

    /**
     * Builds the encoder in a given layout; input and output stay NCHW whatever the layout.
     *
     * @throws IllegalArgumentException for a trainable encoder in a layout without {@code [kH, kW, in, out]} kernels
     */
    public static SDVariable build(
            SameDiff sd,
            String prefix,
            SDVariable image,
            BackboneConfig cfg,
            StateDict weights,
            boolean trainable,
            Layout layout) {
        return build(sd, prefix, image, cfg, weights, trainable, layout, false);
    }

    /** Suffix of the {@code [C]} batch mean each BatchNorm outputs under {@code batchStats} ({@code PREFIX.bn1.batch_mean}). */
    public static final String BATCH_MEAN = ".batch_mean";
    /** Suffix of the {@code [C]} biased batch variance each BatchNorm outputs under {@code batchStats}. */
    public static final String BATCH_VAR = ".batch_var";

    /**
     * Builds the encoder for training from scratch when {@code batchStats} is set: every convolution, the stem
     * and layer1 included, is a variable, and BatchNorm normalises with the batch's statistics (per channel
     * over images and positions) and a trainable affine, as torchvision trains a ResNet. A random network with
     * frozen identity BatchNorm has no normalisation at all. The batch statistics are outputs named
     * {@code PREFIX.BN} + {@link #BATCH_MEAN} / {@link #BATCH_VAR}, for the caller's running averages.
     *
     * @throws IllegalArgumentException for a trainable encoder in a layout without {@code [kH, kW, in, out]} kernels,
     *                                  or batch statistics without {@code trainable}
     */
    public static SDVariable build(
            SameDiff sd,
            String prefix,
            SDVariable image,
            BackboneConfig cfg,
            StateDict weights,
            boolean trainable,
            Layout layout,
            boolean batchStats) {
        return stages(sd, prefix, image, cfg, weights, trainable, layout, batchStats, 0)[0];
    }

    /**
     * As {@link #build(SameDiff, String, SDVariable, BackboneConfig, StateDict, boolean, Layout, boolean)}, and
     * also the output of an earlier stage (for a passthrough to finer features).
     *
     * @param tap the layer (1-based) whose output to return as well; 0 for none
     * @return {last layer's output, the tapped layer's output or null}, both NCHW
     */
    public static SDVariable[] stages(
            SameDiff sd,
            String prefix,
            SDVariable image,
            BackboneConfig cfg,
            StateDict weights,
            boolean trainable,
            Layout layout,
            boolean batchStats,
            int tap) {
        if (trainable && layout.weights != WeightsFormat.YXIO) {
            // conv2d_bp of SameDiff 1.0.0-M2.1 ignores the weights format and assumes YXIO [kH, kW, in, out]
            throw new IllegalArgumentException("a trainable backbone needs [kH, kW, in, out] kernels (NHWC_YXIO or "
                    + "NCHW_YXIO), not " + layout);
        }
        if (batchStats && !trainable) {
            throw new IllegalArgumentException("batch statistics are for training: the backbone must be trainable");
        }
        Builder b = new Builder(sd, prefix, cfg, weights, layout, batchStats);
        SDVariable x = b.nhwc ? sd.permute(image, 0, 2, 3, 1) : image;
        x = b.convBn(x, "conv1", "bn1", 7, 2, 3, batchStats);
        x = sd.nn.relu(x, 0);
        x = sd.cnn.maxPooling2d(
                stemOutput(prefix),
                x,
                Pooling2DConfig.builder()
                        .kH(3)
                        .kW(3)
                        .sH(2)
                        .sW(2)
                        .pH(1)
                        .pW(1)
                        .paddingMode(PaddingMode.VALID)
                        .type(Pooling2D.Pooling2DType.MAX)
                        .isNHWC(b.nhwc)
                        .build());
        int inplanes = cfg.width();
        int[] blocks = cfg.blocks();
        int expansion = cfg.bottleneck() ? 4 : 1;
        SDVariable tapped = null;
        for (int layer = 1; layer <= cfg.layers(); layer++) {
            int planes = cfg.width() << (layer - 1);
            boolean train = trainable && (layer >= 2 || batchStats);
            for (int i = 0; i < blocks[layer - 1]; i++) {
                int stride = i == 0 && layer > 1 ? 2 : 1;
                String name = "layer" + layer + "." + i;
                boolean down = i == 0 && (stride != 1 || inplanes != planes * expansion);
                x = cfg.bottleneck()
                        ? b.bottleneck(x, name, stride, down, train)
                        : b.basic(x, name, stride, down, train);
                inplanes = planes * expansion;
            }
            if (layer == tap) {
                tapped = b.nhwc ? sd.permute(x, 0, 3, 1, 2) : x;
            }
        }
        return new SDVariable[] {b.nhwc ? sd.permute(x, 0, 3, 1, 2) : x, tapped};
    }

    /**
     * Multiply-accumulates of one forward pass at {@code h x w} input (convolutions only; FLOPs = 2 x MACs).
     * The ResNet-101 backbone at 640 x 640 is 63.7 GMAC.
     */
    public static long macs(BackboneConfig cfg, int h, int w) {
        long[] hw = {out(h, 7, 2, 3), out(w, 7, 2, 3)};
        long total = (long) cfg.width() * 3 * 49 * hw[0] * hw[1];
        hw = new long[] {out(hw[0], 3, 2, 1), out(hw[1], 3, 2, 1)};
        int inplanes = cfg.width();
        int expansion = cfg.bottleneck() ? 4 : 1;
        for (int layer = 1; layer <= cfg.layers(); layer++) {
            int planes = cfg.width() << (layer - 1);
            for (int i = 0; i < cfg.blocks()[layer - 1]; i++) {
                int stride = i == 0 && layer > 1 ? 2 : 1;
                long[] o = {out(hw[0], 3, stride, 1), out(hw[1], 3, stride, 1)};
                long inHw = hw[0] * hw[1], outHw = o[0] * o[1];
                if (cfg.bottleneck()) {
                    total += (long) inplanes * planes * inHw
                            + 9L * planes * planes * outHw
                            + 4L * planes * planes * outHw;
                } else {
                    total += 9L * inplanes * planes * outHw + 9L * planes * planes * outHw;
                }
                if (i == 0 && (stride != 1 || inplanes != planes * expansion)) {
                    total += (long) inplanes * planes * expansion * outHw;
                }
                inplanes = planes * expansion;
                hw = o;
            }
        }
        return total;
    }

    private static long out(long in, int k, int s, int p) {
        return (in + 2L * p - k) / s + 1;
    }

    /**
     * The name of a block's output, {@code PREFIX.layerL.i} as torchvision names the block: the boundaries at which
     * activation checkpointing cuts the encoder.
     */
    public static String blockOutput(String prefix, int layer, int block) {
        return prefix + ".layer" + layer + "." + block;
    }

    /** The name of the stem's output (after max pooling): the first block's input. */
    public static String stemOutput(String prefix) {
        return prefix + ".maxpool";
    }

    /** Tensors of one conv + frozen BN pair, keyed as torchvision names them. */
    private static final class Builder {
        private final SameDiff sd;
        private final String prefix;
        private final BackboneConfig cfg;
        private final StateDict w;
        private final Layout layout;
        private final boolean batchStats;
        final boolean nhwc;

        Builder(SameDiff sd, String prefix, BackboneConfig cfg, StateDict w, Layout layout, boolean batchStats) {
            this.sd = sd;
            this.batchStats = batchStats;
            this.prefix = prefix;
            this.cfg = cfg;
            this.w = w;
            this.layout = layout;
            this.nhwc = layout.nhwc;
        }

        private String blockName(String n) {
            return prefix + "." + n;
        }

        SDVariable basic(SDVariable x, String n, int stride, boolean down, boolean train) {
            SDVariable y = sd.nn.relu(convBn(x, n + ".conv1", n + ".bn1", 3, stride, 1, train), 0);
            y = convBn(y, n + ".conv2", n + ".bn2", 3, 1, 1, train);
            SDVariable id = down ? convBn(x, n + ".downsample.0", n + ".downsample.1", 1, stride, 0, train) : x;
            return sd.nn.relu(blockName(n), y.add(id), 0);
        }

        SDVariable bottleneck(SDVariable x, String n, int stride, boolean down, boolean train) {
            SDVariable y = sd.nn.relu(convBn(x, n + ".conv1", n + ".bn1", 1, 1, 0, train), 0);
            y = sd.nn.relu(convBn(y, n + ".conv2", n + ".bn2", 3, stride, 1, train), 0);
            y = convBn(y, n + ".conv3", n + ".bn3", 1, 1, 0, train);
            SDVariable id = down ? convBn(x, n + ".downsample.0", n + ".downsample.1", 1, stride, 0, train) : x;
            return sd.nn.relu(blockName(n), y.add(id), 0);
        }

        /** Convolution (no bias) followed by frozen BN, folded into one convolution with bias. */
        SDVariable convBn(SDVariable x, String conv, String bn, int k, int stride, int pad, boolean train) {
            INDArray weight = w.asMap().get(conv + ".weight");
            if (weight == null) {
                throw new org.ground4j.core.InvalidInputException("backbone: missing tensor \"" + conv + ".weight\"");
            }
            long out = weight.size(0);
            w.get(conv + ".weight", out, weight.size(1), k, k);
            INDArray gamma = w.get(bn + ".weight", out), beta = w.get(bn + ".bias", out);
            INDArray mean = w.get(bn + ".running_mean", out), var = w.get(bn + ".running_var", out);
            Conv2DConfig cc = Conv2DConfig.builder()
                    .kH(k)
                    .kW(k)
                    .sH(stride)
                    .sW(stride)
                    .pH(pad)
                    .pW(pad)
                    .paddingMode(PaddingMode.VALID)
                    .dataFormat(nhwc ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                    .weightsFormat(layout.weights)
                    .build();
            if (batchStats) {
                return batchNorm(x, conv, bn, weight, gamma, beta, cc);
            }
            INDArray scale = gamma.div(Transforms.sqrt(var.add(cfg.bnEps()), true));
            INDArray shift = beta.sub(mean.mul(scale));
            SDVariable bias = sd.constant(prefix + "." + bn + ".shift", shift.castTo(DataType.FLOAT));
            SDVariable kernel;
            if (train) {
                SDVariable raw = sd.var(
                        prefix + "." + conv + ".weight",
                        weight.castTo(DataType.FLOAT).dup());
                SDVariable s = sd.constant(
                        prefix + "." + bn + ".scale",
                        scale.castTo(DataType.FLOAT).reshape(out, 1, 1, 1));
                kernel = sd.permute(raw.mul(s), 2, 3, 1, 0); // YXIO, see Layout
            } else {
                INDArray folded = weight.castTo(DataType.FLOAT)
                        .mul(scale.castTo(DataType.FLOAT).reshape(out, 1, 1, 1));
                kernel = sd.constant(
                        prefix + "." + conv + ".folded", layout.kernel(folded).dup('c'));
            }
            return sd.cnn.conv2d(prefix + "." + conv, x, kernel, bias, cc);
        }

        /** Trainable convolution, then BatchNorm on the batch's statistics with a trainable affine. */
        private SDVariable batchNorm(
                SDVariable x, String conv, String bn, INDArray weight, INDArray gamma, INDArray beta, Conv2DConfig cc) {
            long c = weight.size(0);
            SDVariable raw = sd.var(
                    prefix + "." + conv + ".weight",
                    weight.castTo(DataType.FLOAT).dup());
            SDVariable y = sd.cnn.conv2d(prefix + "." + conv, x, sd.permute(raw, 2, 3, 1, 0), cc);
            int[] axes = nhwc ? new int[] {0, 1, 2} : new int[] {0, 2, 3};
            long[] perChannel = nhwc ? new long[] {1, 1, 1, c} : new long[] {1, c, 1, 1};
            SDVariable mean = y.mean(true, axes);
            SDVariable centred = y.sub(mean);
            SDVariable var = centred.mul(centred).mean(true, axes);
            sd.reshape(prefix + "." + bn + BATCH_MEAN, mean, c);
            sd.reshape(prefix + "." + bn + BATCH_VAR, var, c);
            SDVariable g = sd.var(
                    prefix + "." + bn + ".weight", gamma.castTo(DataType.FLOAT).dup());
            SDVariable b = sd.var(
                    prefix + "." + bn + ".bias", beta.castTo(DataType.FLOAT).dup());
            SDVariable scale = sd.reshape(g, perChannel).div(sd.math.sqrt(var.add(cfg.bnEps())));
            return centred.mul(scale).add(sd.reshape(b, perChannel));
        }
    }

    /**
     * Fresh weights in torchvision's initialisation: Kaiming-normal (fan-out, ReLU) convolutions, BatchNorm
     * gamma 1, beta 0, running mean 0, running variance 1. Deterministic in {@code seed}.
     */
    public static StateDict init(BackboneConfig cfg, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StateDict sd = new StateDict();
        conv(sd, rnd, "conv1", cfg.width(), 3, 7);
        bn(sd, "bn1", cfg.width());
        int inplanes = cfg.width();
        int expansion = cfg.bottleneck() ? 4 : 1;
        for (int layer = 1; layer <= cfg.layers(); layer++) {
            int planes = cfg.width() << (layer - 1);
            for (int i = 0; i < cfg.blocks()[layer - 1]; i++) {
                String n = "layer" + layer + "." + i;
                int stride = i == 0 && layer > 1 ? 2 : 1;
                if (cfg.bottleneck()) {
                    conv(sd, rnd, n + ".conv1", planes, inplanes, 1);
                    bn(sd, n + ".bn1", planes);
                    conv(sd, rnd, n + ".conv2", planes, planes, 3);
                    bn(sd, n + ".bn2", planes);
                    conv(sd, rnd, n + ".conv3", planes * 4, planes, 1);
                    bn(sd, n + ".bn3", planes * 4);
                } else {
                    conv(sd, rnd, n + ".conv1", planes, inplanes, 3);
                    bn(sd, n + ".bn1", planes);
                    conv(sd, rnd, n + ".conv2", planes, planes, 3);
                    bn(sd, n + ".bn2", planes);
                }
                if (i == 0 && (stride != 1 || inplanes != planes * expansion)) {
                    conv(sd, rnd, n + ".downsample.0", planes * expansion, inplanes, 1);
                    bn(sd, n + ".downsample.1", planes * expansion);
                }
                inplanes = planes * expansion;
            }
        }
        return sd;
    }

    private static void conv(StateDict sd, SplittableRandom rnd, String name, int out, int in, int k) {
        double std = Math.sqrt(2.0 / (out * k * k));
        float[] v = new float[out * in * k * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Gaussian.next(rnd) * std);
        }
        sd.put(name + ".weight", Nd4j.create(v, new long[] {out, in, k, k}, 'c'));
    }

    private static void bn(StateDict sd, String name, int c) {
        sd.put(name + ".weight", Nd4j.ones(DataType.FLOAT, c));
        sd.put(name + ".bias", Nd4j.zeros(DataType.FLOAT, c));
        sd.put(name + ".running_mean", Nd4j.zeros(DataType.FLOAT, c));
        sd.put(name + ".running_var", Nd4j.ones(DataType.FLOAT, c));
    }
}

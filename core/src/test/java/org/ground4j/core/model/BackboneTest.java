package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The backbone against seeded torchvision trunks in eval mode (frozen BatchNorm), tools/fixtures. */
class BackboneTest {

    private static INDArray c5(BackboneConfig cfg, StateDict w, INDArray input, boolean trainable) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 3, input.size(2), input.size(3));
        SDVariable out = Backbone.build(sd, "backbone", x, cfg, w, trainable);
        return sd.outputSingle(Map.of("image", input), out.name());
    }

    @Test
    void resnet18LayoutMatchesTorchvision() {
        StateDict w = Fixtures.load("resnet/resnet18_w8.safetensors");
        StateDict io = Fixtures.load("resnet/resnet18_w8_io.safetensors");
        INDArray input = io.asMap().get("input");
        INDArray expected = io.asMap().get("out.layer4");
        BackboneConfig cfg = new BackboneConfig(18, 8, 4, 1e-5);
        assertThat(Fixtures.maxRelDiff(c5(cfg, w, input, false), expected)).isLessThan(1e-4);
        // training graph (weights as variables times the BN scale) computes the same function
        assertThat(Fixtures.maxRelDiff(c5(cfg, w, input, true), expected)).isLessThan(1e-4);
    }

    @Test
    void resnet50BottleneckLayoutMatchesTorchvision() {
        StateDict w = Fixtures.load("resnet/resnet50_w4.safetensors");
        StateDict io = Fixtures.load("resnet/resnet50_w4_io.safetensors");
        BackboneConfig cfg = new BackboneConfig(50, 4, 4, 1e-5);
        INDArray out = c5(cfg, w, io.asMap().get("input"), false);
        assertThat(out.shape()).containsExactly(2, 128, 2, 2);
        // C5 values reach ~20 here; the fixture notes a float32 forward lands up to 2.8e-4 from its float64 reference
        assertThat(Fixtures.maxRelDiff(out, io.asMap().get("out.layer4"))).isLessThan(5e-4);
    }

    @Test
    void everyLayoutComputesTheTorchvisionTrunk() {
        StateDict w = Fixtures.load("resnet/resnet50_w4.safetensors");
        StateDict io = Fixtures.load("resnet/resnet50_w4_io.safetensors");
        BackboneConfig cfg = new BackboneConfig(50, 4, 4, 1e-5);
        INDArray input = io.asMap().get("input");
        for (Backbone.Layout layout : Backbone.Layout.values()) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 3, input.size(2), input.size(3));
            INDArray out = sd.outputSingle(
                    Map.of("image", input),
                    Backbone.build(sd, "backbone", x, cfg, w, false, layout).name());
            assertThat(out.shape()).as(layout.name()).containsExactly(2, 128, 2, 2);
            assertThat(Fixtures.maxRelDiff(out, io.asMap().get("out.layer4")))
                    .as(layout.name())
                    .isLessThan(5e-4);
        }
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 3, 64, 64);
        assertThatThrownBy(() -> Backbone.build(sd, "b", x, cfg, w, true, Backbone.Layout.NHWC_OYXI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NCHW_YXIO");
    }

    /**
     * Both trainable layouts give the same gradients (conv2d_bp of SameDiff 1.0.0-M2.1 assumes YXIO kernels, so the
     * channels-last activations of the training layout must agree with channels-first ones), with frozen BatchNorm
     * and with batch statistics.
     */
    @Test
    void bothTrainableLayoutsGiveTheSameGradients() {
        BackboneConfig cfg = new BackboneConfig(18, 4, 3, 1e-5);
        StateDict w = Backbone.init(cfg, 9);
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(4);
        INDArray input = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 2, 3, 48, 48);
        INDArray weights = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 2, cfg.outChannels(), 3, 3);
        for (boolean batchStats : new boolean[] {false, true}) {
            Map<String, INDArray> nchw = gradients(cfg, w, input, weights, Backbone.Layout.NCHW_YXIO, batchStats);
            Map<String, INDArray> nhwc = gradients(cfg, w, input, weights, Backbone.Layout.NHWC_YXIO, batchStats);
            assertThat(nhwc.keySet()).isEqualTo(nchw.keySet()).hasSizeGreaterThan(5);
            for (String name : nchw.keySet()) {
                double scale = Math.max(1e-6, nchw.get(name).amaxNumber().doubleValue());
                assertThat(nhwc.get(name).sub(nchw.get(name)).amaxNumber().doubleValue() / scale)
                        .as("batch statistics %b: %s", batchStats, name)
                        .isLessThan(1e-4);
            }
        }
        assertThat(Backbone.TRAINING_LAYOUT).isEqualTo(Backbone.Layout.NHWC_YXIO);
    }

    /** Gradients of a fixed random linear function of the trainable backbone's output. */
    private static Map<String, INDArray> gradients(
            BackboneConfig cfg,
            StateDict w,
            INDArray input,
            INDArray weights,
            Backbone.Layout layout,
            boolean batchStats) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 3, 48, 48);
        SDVariable out = Backbone.build(sd, "backbone", x, cfg, w, true, layout, batchStats);
        sd.setLossVariables(out.mul(sd.constant(weights)).sum());
        java.util.List<String> trainable = new java.util.ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                trainable.add(v.name());
            }
        }
        java.io.PrintStream saved = System.out; // SameDiff prints a line per differentiated op
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return sd.calculateGradients(Map.of("image", input), trainable.toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void fewerLayersStopEarlierWithTheMatchingStride() {
        StateDict w = Fixtures.load("resnet/resnet18_w8.safetensors");
        StateDict io = Fixtures.load("resnet/resnet18_w8_io.safetensors");
        BackboneConfig cfg = new BackboneConfig(18, 8, 3, 1e-5);
        INDArray out = c5(cfg, w, io.asMap().get("input"), false);
        assertThat(cfg.stride()).isEqualTo(16);
        assertThat(Fixtures.maxRelDiff(out, io.asMap().get("out.layer3"))).isLessThan(1e-4);
    }

    @Test
    void macsOfTheDefaultEncoderAreThePublishedFigure() {
        // ResNet-101 to C5 at 640 x 640: 63.67 GMAC (STACK.md); ResNet-50 at 224: 4.09 GMAC without the fc layer
        assertThat(Backbone.macs(BackboneConfig.resnet101(), 640, 640) / 1e9).isBetween(63.66, 63.68);
        assertThat(Backbone.macs(new BackboneConfig(50, 64, 4, 1e-5), 224, 224) / 1e9)
                .isBetween(4.08, 4.10);
    }

    @Test
    void missingOrMisshapenWeightsAreNamed() {
        StateDict w = Fixtures.load("resnet/resnet18_w8.safetensors");
        BackboneConfig wider = new BackboneConfig(18, 16, 4, 1e-5);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 3, 64, 64);
        assertThatThrownBy(() -> Backbone.build(sd, "b", x, new BackboneConfig(50, 8, 4, 1e-5), w, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layer1.0.conv1.weight");
        StateDict init = Backbone.init(wider, 1);
        assertThat(init.parameterCount()).isGreaterThan(w.parameterCount());
    }
}

package org.ground4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.ground4j.core.model.Backbone;
import org.ground4j.core.model.BackboneConfig;
import org.ground4j.core.model.StateDict;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward time of a ResNet conv stack (the ground4j backbone builder, BatchNorm folded) at one input size,
 * for comparing ND4J native builds. Prints one tab-separated line:
 * {@code classifier threads depth width size gmac median_ms min_ms max_ms gflops}.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp ... org.ground4j.benchmarks.ConvStackBench 50 64 320 3 10 linux-x86_64-onednn-avx2
 * </pre>
 * Arguments: depth width size warmup runs label [layout (Backbone.Layout, default Backbone.INFERENCE_LAYOUT)]. Threads come from
 * OMP_NUM_THREADS; {@code -DnoGc=true} skips the collection before each timed run.
 */
public final class ConvStackBench {

    private ConvStackBench() {}

    public static void main(String[] args) {
        int depth = Integer.parseInt(args[0]), width = Integer.parseInt(args[1]), size = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]), runs = Integer.parseInt(args[4]);
        String label = args.length > 5 ? args[5] : "?";
        Backbone.Layout layout = args.length > 6 ? Backbone.Layout.valueOf(args[6]) : Backbone.INFERENCE_LAYOUT;
        BackboneConfig cfg = new BackboneConfig(depth, width, 4, 1e-5);
        StateDict w = Backbone.init(cfg, 1);
        SameDiff sd = SameDiff.create();
        SDVariable img = sd.placeHolder("image", DataType.FLOAT, -1, 3, size, size);
        SDVariable out = Backbone.build(sd, "backbone", img, cfg, w, false, layout);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, size, size);
        String name = out.name();
        for (int i = 0; i < warmup; i++) {
            sd.outputSingle(java.util.Map.of("image", x), name);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (!Boolean.getBoolean("noGc")) {
                System.gc(); // free the last pass's native arrays (NativeMemory): fresh memory costs page faults
            }
            long t = System.nanoTime();
            sd.outputSingle(java.util.Map.of("image", x), name);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        double gmac = Backbone.macs(cfg, size, size) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s\t%s\t%d\t%d\t%d\t%.3f\t%.1f\t%.1f\t%.1f\t%.1f%n",
                label,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "?"),
                depth,
                width,
                size,
                gmac,
                median,
                ms[0],
                ms[ms.length - 1],
                2 * gmac / (median / 1e3));
    }
}

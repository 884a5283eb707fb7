package org.ground4j.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.WeightedBoxFusion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WeightedBoxFusion#fuse} of 10 to 1,000 scored boxes at the paper's fusion IoU (0.1). The boxes are jittered
 * copies of a few regions, as a decoder's queries are: they form clusters, so both the IoU scan and the joins
 * are exercised (a decoder gives at most 100 boxes per sentence; 1,000 shows the quadratic growth).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class FusionBench {

    @Param({"10", "100", "1000"})
    public int boxes;

    private List<ScoredBox> input;
    private double iou;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(boxes);
        int regions = Math.max(2, boxes / 10);
        double[][] centre = new double[regions][];
        for (int r = 0; r < regions; r++) {
            centre[r] = new double[] {
                0.15 + 0.7 * rnd.nextDouble(),
                0.15 + 0.7 * rnd.nextDouble(),
                0.05 + 0.2 * rnd.nextDouble(),
                0.05 + 0.2 * rnd.nextDouble()
            };
        }
        input = new ArrayList<>(boxes);
        for (int i = 0; i < boxes; i++) {
            double[] c = centre[rnd.nextInt(regions)];
            double cx = c[0] + 0.03 * rnd.nextGaussian(), cy = c[1] + 0.03 * rnd.nextGaussian();
            double w = c[2] * (0.8 + 0.4 * rnd.nextDouble()), h = c[3] * (0.8 + 0.4 * rnd.nextDouble());
            input.add(new ScoredBox(
                    new Box(
                            Math.max(0, cx - w / 2),
                            Math.max(0, cy - h / 2),
                            Math.min(1, cx + w / 2),
                            Math.min(1, cy + h / 2)),
                    rnd.nextDouble()));
        }
        iou = InferenceSettings.paper().fusionIou();
    }

    @Benchmark
    public List<ScoredBox> fuse() {
        return WeightedBoxFusion.fuse(input, iou);
    }
}

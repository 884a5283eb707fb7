package org.ground4j.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.eval.Evaluation;
import org.ground4j.eval.Evaluator;
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
 * {@link Evaluator#evaluate} of 100,000 samples (gold 0-3 boxes, predictions 0-4 scored boxes near them, so the
 * threshold sweep runs too): the whole of {@code ground4j eval} except reading the files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class MetricsBench {

    @Param({"100000"})
    public int samples;

    private List<Sample> gold;
    private List<Sample> predictions;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(17);
        String[] categories = {"effusion", "cardiomegaly", "nodule", "atelectasis", null};
        gold = new ArrayList<>(samples);
        predictions = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            List<Box> g = new ArrayList<>();
            for (int k = rnd.nextInt(4); k > 0; k--) {
                g.add(box(rnd, 0.5 * rnd.nextDouble(), 0.5 * rnd.nextDouble()));
            }
            List<Box> p = new ArrayList<>();
            List<Double> s = new ArrayList<>();
            for (int k = rnd.nextInt(5); k > 0; k--) {
                Box near = g.isEmpty() || rnd.nextInt(3) == 0
                        ? box(rnd, 0.5 * rnd.nextDouble(), 0.5 * rnd.nextDouble())
                        : g.get(rnd.nextInt(g.size()));
                p.add(box(rnd, near.x1() + 0.03 * rnd.nextGaussian(), near.y1() + 0.03 * rnd.nextGaussian()));
                s.add(rnd.nextDouble());
            }
            String id = "s" + i;
            String category = categories[rnd.nextInt(categories.length)];
            gold.add(new Sample(id, "img/" + (i / 4) + ".png", "sentence " + i, g, null, category, "en"));
            predictions.add(new Sample(id, "img/" + (i / 4) + ".png", "sentence " + i, p, s, category, "en"));
        }
    }

    private static Box box(SplittableRandom rnd, double x, double y) {
        double x1 = Math.min(0.9, Math.max(0, x)), y1 = Math.min(0.9, Math.max(0, y));
        return new Box(
                x1,
                y1,
                Math.min(1, x1 + 0.05 + 0.3 * rnd.nextDouble()),
                Math.min(1, y1 + 0.05 + 0.3 * rnd.nextDouble()));
    }

    @Benchmark
    public Evaluation evaluate() {
        return Evaluator.evaluate(gold, predictions);
    }
}

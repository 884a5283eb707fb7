package org.ground4j.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ground4j.core.matching.LinearAssignment;
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
 * {@link LinearAssignment#solve} on square matrices of uniform random costs, 10x10 to 300x300 (the training matcher
 * solves 100 queries x a few targets per sentence; the metrics solve small squares; 300 bounds both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AssignmentBench {

    @Param({"10", "30", "100", "300"})
    public int n;

    private double[][] cost;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(n);
        cost = new double[n][n];
        for (double[] row : cost) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextDouble();
            }
        }
    }

    @Benchmark
    public int[] solve() {
        return LinearAssignment.solve(cost);
    }
}

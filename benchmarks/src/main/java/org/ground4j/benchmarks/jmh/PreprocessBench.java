package org.ground4j.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.ground4j.benchmarks.BenchFixtures;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.ModelInput;
import org.ground4j.core.image.PreprocessConfig;
import org.ground4j.core.image.Preprocessor;
import org.ground4j.core.image.UnitImage;
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
 * A 2,500 x 3,000 16-bit grey PNG (in memory) to the model input, in the steps {@code Grounder} takes: decode
 * through OpenCV with the percentile window ({@link ImageLoader}), then resize, pad and normalise to 640 x 640
 * ({@link Preprocessor}); and both together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PreprocessBench {

    @Param({"2500x3000"})
    public String image;

    @Param({"640"})
    public int size;

    private byte[] png;
    private UnitImage decoded;
    private Preprocessor preprocessor;

    @Setup
    public void setup() {
        String[] wh = image.split("x");
        png = BenchFixtures.png16(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 7);
        decoded = ImageLoader.DEFAULT.decode(png, "bench.png");
        preprocessor = new Preprocessor(PreprocessConfig.DEFAULT.withSize(size));
    }

    @Benchmark
    public UnitImage decode() {
        return ImageLoader.DEFAULT.decode(png, "bench.png");
    }

    @Benchmark
    public ModelInput letterbox() {
        return preprocessor.apply(decoded);
    }

    @Benchmark
    public ModelInput decodeAndLetterbox() {
        return preprocessor.apply(ImageLoader.DEFAULT.decode(png, "bench.png"));
    }
}

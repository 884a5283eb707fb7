package org.ground4j.benchmarks.jmh;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.benchmarks.BenchFixtures;
import org.ground4j.core.image.ImageHeaders;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.ImageTooLargeException;
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
 * A 2,500 x 3,000 grey radiograph-sized image (in memory: a 16-bit PNG, or an 8-bit JPEG at quality 95) to the
 * model input, in the steps {@code Grounder} takes: the checks before decoding ({@link ImageLoader#check}: declared
 * size, PNG checksums and image data, the JPEG scan), OpenCV's decoder alone, the whole decode with the percentile
 * window ({@link ImageLoader#decode}), then resize, pad and normalise to 640 x 640 ({@link Preprocessor}); and
 * decode and letterbox together.
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

    @Param({"png16", "jpeg"})
    public String format;

    private byte[] png;
    private final byte[] bomb = BenchFixtures.pngDeclaring(30_000, 30_000);
    private UnitImage decoded;
    private Preprocessor preprocessor;

    @Setup
    public void setup() {
        String[] wh = image.split("x");
        int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
        png = format.equals("jpeg") ? BenchFixtures.jpeg8(w, h, 7) : BenchFixtures.png16(w, h, 7);
        decoded = ImageLoader.DEFAULT.decode(png, "bench.png");
        preprocessor = new Preprocessor(PreprocessConfig.DEFAULT.withSize(size));
    }

    /** A PNG declaring 30000 x 30000 pixels (its IHDR, an empty image stream, IEND), refused by its header. */
    @Benchmark
    public String refuseDecompressionBomb() {
        try {
            return ImageLoader.DEFAULT.decode(bomb, "bomb.png").toString();
        } catch (ImageTooLargeException e) {
            return e.getMessage();
        }
    }

    @Benchmark
    public ImageHeaders.Size check() {
        return ImageLoader.DEFAULT.check(png, "bench.png");
    }

    @Benchmark
    public Mat opencvDecoderAlone() {
        try (BytePointer data = new BytePointer(png);
                Mat buf = new Mat(1, png.length, CV_8U, data)) {
            Mat m = imdecode(buf, IMREAD_UNCHANGED);
            m.close();
            return m;
        }
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

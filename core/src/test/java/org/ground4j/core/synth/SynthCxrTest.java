package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.data.weak.WeakJsonl;
import org.ground4j.core.data.weak.WeakSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's files: deterministic, readable, 8- and 16-bit PNGs, weak labels with region names. */
class SynthCxrTest {

    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path one = tmp.resolve("one"), two = tmp.resolve("two");
        SynthCxr.generate(new SynthConfig(16, 17, 1, 0, 512), one);
        SynthCxr.generate(new SynthConfig(16, 17, 2, 0, 512), two);
        List<Path> files = relativeFiles(one);
        assertThat(files)
                .contains(Path.of(SynthCxr.EXPERT), Path.of(SynthCxr.WEAK))
                .hasSizeGreaterThan(5);
        assertThat(relativeFiles(two)).isEqualTo(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(two.resolve(f))).as("%s", f).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
        Path other = tmp.resolve("other");
        SynthCxr.generate(new SynthConfig(4, 18, 2, 0, 512), other);
        assertThat(Files.readAllBytes(other.resolve(SynthCxr.EXPERT)))
                .isNotEqualTo(Files.readAllBytes(one.resolve(SynthCxr.EXPERT)));
    }

    @Test
    void writesReadableSamplesWeakLabelsAndPngsOfBothBitDepths() {
        Path dir = tmp.resolve("synth");
        SynthSummary summary = SynthCxr.generate(new SynthConfig(30, 3, 2, 2, 256), dir);

        List<Sample> expert = SampleJsonl.read(dir.resolve(SynthCxr.EXPERT));
        assertThat(expert).hasSize(30);
        assertThat(summary.samples()).isEqualTo(30);
        assertThat(summary.zeroBox() + summary.singleBox() + summary.multiBox()).isEqualTo(30);
        assertThat(summary.eightBit() + summary.sixteenBit()).isEqualTo(summary.images());

        List<WeakSample> weak = WeakJsonl.read(dir.resolve(SynthCxr.WEAK));
        assertThat(weak)
                .extracting(WeakSample::id)
                .containsExactlyElementsOf(expert.stream().map(Sample::id).toList());
        assertThat(weak).allSatisfy(w -> {
            assertThat(w.hasRegionNames()).isTrue();
            w.regions().forEach(AnatomyRegion::ofLabel);
        });
        assertThat(SampleJsonl.read(dir.resolve(SynthCxr.WEAK))).hasSize(30);

        int[] depths = expert.stream()
                .map(Sample::image)
                .distinct()
                .mapToInt(image -> depth(dir.resolve(image)))
                .toArray();
        assertThat(depths).hasSize(summary.images()).contains(8, 16);
        assertThat(dir.resolve("overlays/synth-000000.png")).isRegularFile();
        assertThat(dir.resolve("overlays/synth-000002.png")).doesNotExist();
    }

    @Test
    void pngEncodingIsLosslessAt16Bits() {
        short[] px = new short[40 * 30];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (i * 53 % 65536);
        }
        GrayImage image = new GrayImage(40, 30, 16, 65535, px);
        try (Mat decoded = opencv_imgcodecs.imdecode(
                new Mat(new BytePointer(PngCodec.encode(image))), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            assertThat(decoded.depth()).isEqualTo(opencv_core.CV_16U);
            short[] back = new short[px.length];
            new org.bytedeco.javacpp.ShortPointer(decoded.data()).get(back);
            assertThat(back).isEqualTo(px);
        }
    }

    private static int depth(Path png) {
        try (Mat m = opencv_imgcodecs.imread(png.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            assertThat(m.empty()).as("%s", png).isFalse();
            assertThat(m.channels()).isEqualTo(1);
            return m.depth() == opencv_core.CV_16U ? 16 : 8;
        }
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}

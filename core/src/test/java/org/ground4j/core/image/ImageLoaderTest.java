package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {

    private final ImageLoader loader = ImageLoader.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void eightBitGreyPngIsDividedBy255() throws IOException {
        byte[] px = {0, 51, (byte) 255, (byte) 128, 1, 2};
        Path f = dir.resolve("grey8.png");
        Files.write(f, TestImages.png8(3, 2, 1, px));
        UnitImage img = loader.load(f);
        assertThat(img.width()).isEqualTo(3);
        assertThat(img.height()).isEqualTo(2);
        assertThat(img.channels()).isEqualTo(1);
        assertThat(img.pixels()).containsExactly(0f, 0.2f, 1f, 128 / 255f, 1 / 255f, 2 / 255f);
    }

    @Test
    void sixteenBitPngGoesThroughThePercentileWindow() throws IOException {
        short[] px = new short[400];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (20000 + 10 * i);
        }
        Path f = dir.resolve("grey16.png");
        Files.write(f, TestImages.png16(20, 20, px));
        UnitImage img = loader.load(f);
        assertThat(img.channels()).isEqualTo(1);
        assertThat(img.pixels()).containsExactly(PercentileWindow.DEFAULT.apply(px));
        assertThat(img.pixels()[0]).isEqualTo(0f);
        assertThat(img.pixels()[399]).isEqualTo(1f);
        assertThat(img.pixels()[200]).isCloseTo(0.5f, within(0.01f));
    }

    @Test
    void colourPngComesOutAsRgbWithAlphaDropped() {
        // OpenCV order is BGRA: a pure red pixel then a pure blue one, both opaque
        byte[] bgra = {0, 0, (byte) 255, (byte) 255, (byte) 255, 0, 0, (byte) 255};
        UnitImage img = loader.decode(TestImages.png8(2, 1, 4, bgra), "rgba.png");
        assertThat(img.channels()).isEqualTo(3);
        assertThat(img.pixels()).containsExactly(1f, 0f, 0f, 0f, 0f, 1f);
    }

    @Test
    void jpegDecodesToCloseValues() {
        byte[] grad = TestImages.gradient(64, 32);
        UnitImage img = loader.decode(TestImages.jpeg(64, 32, 1, grad), "grad.jpg");
        assertThat(img.width()).isEqualTo(64);
        assertThat(img.channels()).isEqualTo(1);
        for (int x = 0; x < 64; x += 9) {
            assertThat(img.get(x, 10, 0)).isCloseTo((grad[10 * 64 + x] & 0xFF) / 255f, within(0.05f));
        }
    }

    @Test
    void missingFileIsNamedInTheError() {
        Path f = dir.resolve("nope.png");
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope.png")
                .hasMessageContaining("no such");
    }

    @Test
    void emptyBytesAreNamedAsAnEmptyFile() {
        assertThatThrownBy(() -> loader.decode(new byte[0], "upload.png"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("upload.png")
                .hasMessageContaining("empty");
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        byte[] png = TestImages.png16(50, 50, new short[2500]);
        Path f = dir.resolve("cut.png");
        Files.write(f, Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.png")
                .hasMessageContaining("truncated PNG");
    }

    @Test
    void truncatedJpegIsRejectedRatherThanFilledWithGrey() throws IOException {
        byte[] jpg = TestImages.jpeg(200, 200, 1, TestImages.gradient(200, 200));
        Path f = dir.resolve("cut.jpg");
        Files.write(f, Arrays.copyOf(jpg, jpg.length * 2 / 3));
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.jpg")
                .hasMessageContaining("truncated JPEG");
    }

    @Test
    void bytesThatAreNoImageAreRejected() throws IOException {
        Path f = dir.resolve("notes.png");
        Files.writeString(f, "this is not an image at all");
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("notes.png")
                .hasMessageContaining("not a PNG, JPEG or DICOM file");
    }

    @Test
    void corruptPngBodyIsRejected() {
        byte[] png = TestImages.png8(40, 40, 1, TestImages.gradient(40, 40));
        for (int i = 60; i < png.length - 20; i++) {
            png[i] = (byte) (png[i] ^ 0x5A);
        }
        assertThatThrownBy(() -> loader.decode(png, "scrambled.png"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("scrambled.png");
    }

    @Test
    void greyBufferedImagesOfBothDepths() {
        BufferedImage b8 = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        b8.getRaster().setSample(1, 0, 0, 255);
        assertThat(loader.fromBufferedImage(b8).pixels()).containsExactly(0f, 1f);

        BufferedImage b16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        b16.getRaster().setSample(0, 0, 0, 1000);
        b16.getRaster().setSample(1, 0, 0, 2000);
        b16.getRaster().setSample(2, 0, 0, 3000);
        UnitImage img = new ImageLoader(new PercentileWindow(0, 100)).fromBufferedImage(b16);
        assertThat(img.pixels()).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void packedRgbBufferedImageKeepsChannelOrder() {
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF8000);
        UnitImage img = loader.fromBufferedImage(rgb);
        assertThat(img.pixels()).containsExactly(1f, 128 / 255f, 0f);
    }

    @Test
    void opencvMatsInBgrOrderAndSixteenBit() {
        try (Mat bgr = new Mat(1, 1, CV_8UC3)) {
            ((ByteBuffer) bgr.createBuffer()).put(new byte[] {(byte) 255, 0, 0});
            assertThat(loader.fromMat(bgr).pixels()).containsExactly(0f, 0f, 1f);
        }
        try (Mat m16 = new Mat(1, 2, CV_16UC1)) {
            ((ShortBuffer) m16.createBuffer()).put(new short[] {5, 9});
            assertThat(new ImageLoader(new PercentileWindow(0, 100))
                            .fromMat(m16)
                            .pixels())
                    .containsExactly(0f, 1f);
        }
    }

    @Test
    void floatMatsAreRejected() {
        try (Mat f = new Mat(2, 2, CV_32FC1)) {
            assertThatThrownBy(() -> loader.fromMat(f))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("depth");
        }
    }
}

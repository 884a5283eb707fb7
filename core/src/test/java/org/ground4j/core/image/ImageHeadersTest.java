package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageHeadersTest {

    @TempDir
    Path dir;

    @Test
    void pngAndJpegSizesComeFromTheHeader() throws IOException {
        Path png = dir.resolve("a.png");
        Files.write(png, TestImages.png16(37, 21, new short[37 * 21]));
        Path jpg = dir.resolve("b.jpg");
        Files.write(jpg, TestImages.jpeg(30, 44, 3, new byte[30 * 44 * 3]));
        assertThat(ImageHeaders.size(png)).isEqualTo(new ImageHeaders.Size(37, 21));
        assertThat(ImageHeaders.size(jpg)).isEqualTo(new ImageHeaders.Size(30, 44));
    }

    @Test
    void dicomSizeComesFromDecoding() throws IOException {
        Path dcm = dir.resolve("c.dcm");
        Files.write(dcm, DicomFiles.grey16(6, 4, new short[24], "MONOCHROME2", DicomFiles.EXPLICIT_LE, false));
        assertThat(ImageHeaders.size(dcm)).isEqualTo(new ImageHeaders.Size(6, 4));
    }

    @Test
    void headerCutShortAndMissingFilesAreReported() throws IOException {
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(TestImages.png16(5, 5, new short[25]), 12));
        assertThatThrownBy(() -> ImageHeaders.size(cut))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.png");
        assertThatThrownBy(() -> ImageHeaders.size(dir.resolve("missing.jpg")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such");
    }

    @Test
    void textFileIsNotAnImage() throws IOException {
        Path txt = dir.resolve("x.png");
        Files.writeString(txt, "hello");
        assertThatThrownBy(() -> ImageHeaders.size(txt))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.png");
    }
}

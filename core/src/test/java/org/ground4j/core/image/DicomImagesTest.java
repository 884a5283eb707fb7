package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomImagesTest {

    private static final int W = 8;
    private static final int H = 5;

    @TempDir
    Path dir;

    private static short[] ramp() {
        short[] px = new short[W * H];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (100 * i);
        }
        return px;
    }

    @Test
    void monochrome2SixteenBitMatchesTheWindowOfItsRawValues() throws IOException {
        Path f = dir.resolve("cxr.dcm");
        Files.write(f, DicomFiles.grey16(W, H, ramp(), "MONOCHROME2", DicomFiles.EXPLICIT_LE, false));
        UnitImage img = ImageLoader.DEFAULT.load(f);
        assertThat(img.width()).isEqualTo(W);
        assertThat(img.height()).isEqualTo(H);
        assertThat(img.channels()).isEqualTo(1);
        assertThat(img.pixels()).containsExactly(PercentileWindow.DEFAULT.apply(ramp()));
    }

    @Test
    void implicitVrLittleEndianReadsTheSame() {
        byte[] implicit = DicomFiles.grey16(W, H, ramp(), "MONOCHROME2", DicomFiles.IMPLICIT_LE, false);
        assertThat(ImageLoader.DEFAULT.decode(implicit, "implicit.dcm").pixels())
                .containsExactly(PercentileWindow.DEFAULT.apply(ramp()));
    }

    @Test
    void monochrome1IsInvertedSoDenseTissueIsBright() {
        byte[] m1 = DicomFiles.grey16(W, H, ramp(), "MONOCHROME1", DicomFiles.EXPLICIT_LE, false);
        float[] mono2 = PercentileWindow.DEFAULT.apply(ramp());
        float[] got = ImageLoader.DEFAULT.decode(m1, "m1").pixels();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo(1f - mono2[i]);
        }
    }

    @Test
    void signedSamplesKeepTheirOrder() {
        short[] signed = new short[W * H];
        for (int i = 0; i < signed.length; i++) {
            signed[i] = (short) (100 * i - 2000);
        }
        float[] got = ImageLoader.DEFAULT
                .decode(DicomFiles.grey16(W, H, signed, "MONOCHROME2", DicomFiles.EXPLICIT_LE, true), "s.dcm")
                .pixels();
        assertThat(got).containsExactly(PercentileWindow.DEFAULT.apply(ramp()));
    }

    @Test
    void eightBitGreyIsDividedBy255() {
        byte[] px = {0, 51, (byte) 255, 102, 1, 2};
        UnitImage img = ImageLoader.DEFAULT.decode(DicomFiles.eightBit(3, 2, 1, px), "g8.dcm");
        assertThat(img.channels()).isEqualTo(1);
        assertThat(img.pixels()).containsExactly(0f, 0.2f, 1f, 0.4f, 1 / 255f, 2 / 255f);
    }

    @Test
    void rgbKeepsItsChannels() {
        byte[] px = {(byte) 255, 0, 0, 0, 0, (byte) 255};
        UnitImage img = ImageLoader.DEFAULT.decode(DicomFiles.eightBit(2, 1, 3, px), "rgb.dcm");
        assertThat(img.channels()).isEqualTo(3);
        assertThat(img.pixels()).containsExactly(1f, 0f, 0f, 0f, 0f, 1f);
    }

    @Test
    void compressedTransferSyntaxIsRejectedWithTheConversionToRun() {
        byte[] jpeg = DicomFiles.grey16(W, H, ramp(), "MONOCHROME2", DicomFiles.JPEG_BASELINE, false);
        assertThatThrownBy(() -> ImageLoader.DEFAULT.decode(jpeg, "ct.dcm"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ct.dcm")
                .hasMessageContaining("1.2.840.10008.1.2.4.50 (JPEG)")
                .hasMessageContaining("gdcmconv --raw");
    }

    @Test
    void transferSyntaxIsReadFromTheMetaHeader() {
        assertThat(DicomImages.transferSyntax(
                        DicomFiles.grey16(2, 2, new short[4], "MONOCHROME2", DicomFiles.EXPLICIT_LE, false)))
                .isEqualTo(DicomFiles.EXPLICIT_LE);
        assertThat(DicomImages.transferSyntax(new byte[10])).isNull();
    }

    @Test
    void fileNamedDcmThatIsNotDicomIsRejected() throws IOException {
        Path f = dir.resolve("fake.dcm");
        Files.write(f, new byte[300]);
        assertThatThrownBy(() -> ImageLoader.DEFAULT.load(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fake.dcm");
    }
}

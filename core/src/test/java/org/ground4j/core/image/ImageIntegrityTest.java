package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Damaged, cut-short and oversized images are refused by name before decoding, instead of being grounded with grey
 * or zero rows in place of the missing data, or allocating gigabytes.
 */
class ImageIntegrityTest {

    private final ImageLoader loader = ImageLoader.DEFAULT;

    @Test
    void aJpegWhoseScanStopsAfterAThirdIsRefusedEvenWithItsEndMarker() {
        byte[] jpeg = noisyJpeg(160, 128);
        int scan = scanStart(jpeg);
        int keep = scan + (jpeg.length - scan) / 3;
        byte[] cut = Arrays.copyOf(jpeg, keep + 2);
        cut[keep] = (byte) 0xFF;
        cut[keep + 1] = (byte) 0xD9;
        assertThatThrownBy(() -> loader.decode(cut, "cut.jpg"))
                .isInstanceOf(ImageReadException.class)
                .hasMessageStartingWith("cut.jpg: damaged or truncated JPEG");
        assertThat(loader.decode(jpeg, "whole.jpg").width()).isEqualTo(160);
    }

    @Test
    void aJpegWithAStrayMarkerInItsScanIsRefused() {
        byte[] jpeg = noisyJpeg(160, 128);
        int at = scanStart(jpeg) + (jpeg.length - scanStart(jpeg)) / 2;
        byte[] bad = jpeg.clone();
        bad[at] = (byte) 0xFF;
        bad[at + 1] = (byte) 0xD3; // a restart marker where none belongs
        assertThatThrownBy(() -> loader.decode(bad, "stray.jpg"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stray.jpg: damaged or truncated JPEG (Corrupt JPEG data");
    }

    @Test
    void aPngWithADamagedChecksumIsOneCleanError() {
        byte[] png = TestImages.png8(40, 40, 1, TestImages.gradient(40, 40));
        int idat = chunk(png, "IDAT");
        png[idat + 10] ^= 0x01;
        assertThatThrownBy(() -> loader.decode(png, "crc.png"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("crc.png: damaged PNG (CRC mismatch in chunk IDAT at byte " + idat + ")");
    }

    @Test
    void aPngWhoseImageDataIsCutShortIsRefusedEvenWithItsEndChunk() {
        byte[] png = TestImages.png8(64, 48, 1, noise(64 * 48));
        int idat = chunk(png, "IDAT");
        int length = ByteBuffer.wrap(png, idat, 4).getInt();
        int keep = length / 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, idat);
        out.writeBytes(chunkBytes("IDAT", Arrays.copyOfRange(png, idat + 8, idat + 8 + keep)));
        out.writeBytes(chunkBytes("IEND", new byte[0]));
        assertThatThrownBy(() -> loader.decode(out.toByteArray(), "short.png"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("short.png: truncated PNG (its image " + "data holds")
                .hasMessageEndingWith("that 64 x 48 pixels need)");
    }

    @Test
    void aPngWithAnUnknownRowFilterIsOneCleanError() {
        byte[] png = pngOfRows(8, 4, 1);
        assertThat(loader.decode(png, "fine.png").height()).isEqualTo(4);
        assertThatThrownBy(() -> loader.decode(pngOfRows(8, 4, 7), "filter.png"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("filter.png: damaged PNG (row filter type 7 at byte 18 of the image data)");
    }

    @Test
    void anInterlacedPngPassesAndDecodesLikeItsPlainTwin() throws IOException {
        BufferedImage img = new BufferedImage(37, 29, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = noise(37 * 29);
        img.getRaster().setDataElements(0, 0, 37, 29, px);
        byte[] interlaced = pngWithJdk(img, true);
        byte[] plain = pngWithJdk(img, false);
        assertThat(interlaced).isNotEqualTo(plain);
        assertThat(loader.decode(interlaced, "adam7.png").pixels())
                .containsExactly(loader.decode(plain, "plain.png").pixels());
    }

    @Test
    void aSmallPngDeclaringAHugeImageIsRefusedBeforeDecoding() {
        for (int side : new int[] {30_000, 60_000}) {
            byte[] bomb = pngHeaderOnly(side, side);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> loader.decode(bomb, "bomb.png"))
                    .isInstanceOf(ImageTooLargeException.class)
                    .hasMessageStartingWith("bomb.png: declares " + side + " x " + side + " pixels")
                    .hasMessageContaining("over the limit of 100.0 megapixels");
            assertThat((System.nanoTime() - t0) / 1e6).as("milliseconds").isLessThan(500);
        }
    }

    @Test
    void aJpegDeclaringAHugeImageIsRefusedBeforeDecoding() {
        byte[] jpeg = noisyJpeg(32, 32);
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        jpeg[sof + 5] = (byte) 0xFD; // height 65000-ish
        jpeg[sof + 7] = (byte) 0xFD; // width
        assertThatThrownBy(() -> loader.decode(jpeg, "bomb.jpg"))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("bomb.jpg: declares");
    }

    @Test
    void limitsAreTheCallersAndHoldForImagesAlreadyInMemory() {
        ImageLoader small = new ImageLoader(PercentileWindow.DEFAULT, new ImageLimits(1000, 40));
        byte[] png = TestImages.png8(41, 10, 1, new byte[410]);
        assertThatThrownBy(() -> small.decode(png, "wide.png"))
                .isInstanceOf(ImageTooLargeException.class)
                .satisfies(e -> assertThat(((ImageTooLargeException) e).width()).isEqualTo(41));
        assertThatThrownBy(() -> small.fromBufferedImage(new BufferedImage(40, 26, BufferedImage.TYPE_BYTE_GRAY)))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("1040");
        assertThat(small.decode(TestImages.png8(40, 25, 1, new byte[1000]), "ok.png")
                        .height())
                .isEqualTo(25);
        assertThatThrownBy(() -> new ImageLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDicomWhosePixelDataIsCutShortIsRefused() {
        short[] px = new short[64 * 48];
        byte[] whole = DicomFiles.grey16(64, 48, px, "MONOCHROME2", DicomFiles.EXPLICIT_LE, false);
        byte[] half = Arrays.copyOf(whole, whole.length - px.length); // the second half of the pixels gone
        assertThatThrownBy(() -> loader.decode(half, "half.dcm"))
                .isInstanceOf(ImageReadException.class)
                .hasMessage("half.dcm: truncated DICOM (the pixel data holds " + px.length + " bytes of the "
                        + 2 * px.length + " that 64 x 48 pixels x 1 samples x 16 bits need)");
        assertThat(loader.decode(whole, "whole.dcm").width()).isEqualTo(64);
    }

    @Test
    void aDicomDeclaringAHugeImageIsRefusedBeforeDecoding() {
        for (String syntax : new String[] {DicomFiles.EXPLICIT_LE, DicomFiles.IMPLICIT_LE}) {
            byte[] dcm = DicomFiles.grey16(40_000, 40_000, new short[4], "MONOCHROME2", syntax, false);
            assertThatThrownBy(() -> loader.decode(dcm, "bomb.dcm"))
                    .isInstanceOf(ImageTooLargeException.class)
                    .hasMessageStartingWith("bomb.dcm: declares 40000 x 40000 pixels");
        }
    }

    @Test
    void theDicomHeaderIsReadInEverySupportedSyntax() {
        for (String syntax : new String[] {DicomFiles.EXPLICIT_LE, DicomFiles.IMPLICIT_LE}) {
            byte[] dcm = DicomFiles.grey16(7, 5, new short[35], "MONOCHROME2", syntax, false);
            DicomHeader h = DicomHeader.read(dcm, "x.dcm");
            assertThat(h.columns()).isEqualTo(7);
            assertThat(h.rows()).isEqualTo(5);
            assertThat(h.bitsAllocated()).isEqualTo(16);
            assertThat(h.pixelDataLength()).isEqualTo(70);
            assertThat(h.pixelDataOffset() + 70).isEqualTo(dcm.length);
        }
        byte[] rgb = DicomFiles.eightBit(4, 3, 3, new byte[36]);
        assertThat(DicomHeader.read(rgb, "rgb.dcm").pixelBytes()).isEqualTo(36);
        byte[] headerOnly = Arrays.copyOf(rgb, 200);
        assertThatThrownBy(() -> DicomHeader.read(headerOnly, "cut.dcm"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cut.dcm: DICOM header: cut short");
    }

    static byte[] noise(int n) {
        byte[] b = new byte[n];
        new Random(28).nextBytes(b);
        return b;
    }

    private static byte[] noisyJpeg(int w, int h) {
        return TestImages.jpeg(w, h, 1, noise(w * h));
    }

    /** The first byte of entropy-coded data: after the start-of-scan header. */
    private static int scanStart(byte[] jpeg) {
        int sos = indexOf(jpeg, (byte) 0xFF, (byte) 0xDA);
        return sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF));
    }

    private static int indexOf(byte[] b, byte x, byte y) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == x && b[i + 1] == y) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    /** Offset of the first chunk of this type (its length field). */
    private static int chunk(byte[] png, String type) {
        int pos = 8;
        while (pos < png.length) {
            int len = ByteBuffer.wrap(png, pos, 4).getInt();
            if (new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals(type)) {
                return pos;
            }
            pos += 12 + len;
        }
        throw new AssertionError(type + " not found");
    }

    static byte[] chunkBytes(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** An 8-bit grey PNG whose third row has this filter type (the others 0), every checksum right. */
    static byte[] pngOfRows(int w, int h, int thirdRowFilter) {
        byte[] raw = new byte[h * (w + 1)];
        for (int y = 0; y < h; y++) {
            raw[y * (w + 1)] = (byte) (y == 2 ? thirdRowFilter : 0);
            for (int x = 0; x < w; x++) {
                raw[y * (w + 1) + 1 + x] = (byte) (x * 30 + y);
            }
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] z = new byte[raw.length + 64];
        int n = deflater.deflate(z);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunkBytes(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(w)
                        .putInt(h)
                        .put((byte) 8)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array()));
        out.writeBytes(chunkBytes("IDAT", Arrays.copyOf(z, n)));
        out.writeBytes(chunkBytes("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** Signature, an IHDR declaring this size (8-bit grey), a few bytes of image data and IEND. */
    static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunkBytes(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(w)
                        .putInt(h)
                        .put((byte) 8)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array()));
        out.writeBytes(chunkBytes("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunkBytes("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] pngWithJdk(BufferedImage img, boolean interlaced) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

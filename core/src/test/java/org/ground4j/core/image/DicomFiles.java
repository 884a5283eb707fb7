package org.ground4j.core.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes minimal single-frame DICOM Part-10 files (explicit VR little endian meta header and data set) for
 * tests: no patient data, only the pixel module.
 */
final class DicomFiles {

    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private DicomFiles() {}

    /** A 16-bit grey image (12 bits stored) with the given photometric interpretation. */
    static byte[] grey16(int w, int h, short[] px, String photometric, String transferSyntax, boolean signed) {
        ByteBuffer pixels = ByteBuffer.allocate(px.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : px) {
            pixels.putShort(s);
        }
        return file(w, h, 1, 16, 12, photometric, transferSyntax, signed, "OW", pixels.array());
    }

    /** An 8-bit image: 1 sample per pixel (MONOCHROME2) or 3 interleaved (RGB). */
    static byte[] eightBit(int w, int h, int samplesPerPixel, byte[] px) {
        return file(
                w,
                h,
                samplesPerPixel,
                8,
                8,
                samplesPerPixel == 3 ? "RGB" : "MONOCHROME2",
                EXPLICIT_LE,
                false,
                "OB",
                px);
    }

    private static byte[] file(
            int w,
            int h,
            int samplesPerPixel,
            int bitsAllocated,
            int bitsStored,
            String photometric,
            String transferSyntax,
            boolean signed,
            String pixelVr,
            byte[] pixelData) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[128]);
            out.write("DICM".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream meta = new ByteArrayOutputStream();
            element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
            element(meta, 0x0002, 0x0002, "UI", text("1.2.840.10008.5.1.4.1.1.1.1"));
            element(meta, 0x0002, 0x0003, "UI", text("1.2.3.4.5"));
            element(meta, 0x0002, 0x0010, "UI", text(transferSyntax));
            element(out, 0x0002, 0x0000, "UL", le32(meta.size()));
            out.write(meta.toByteArray());
            boolean implicit = IMPLICIT_LE.equals(transferSyntax);
            element(out, implicit, 0x0008, 0x0060, "CS", text("DX"));
            element(out, implicit, 0x0028, 0x0002, "US", le16(samplesPerPixel));
            element(out, implicit, 0x0028, 0x0004, "CS", text(photometric));
            if (samplesPerPixel == 3) {
                element(out, implicit, 0x0028, 0x0006, "US", le16(0));
            }
            element(out, implicit, 0x0028, 0x0010, "US", le16(h));
            element(out, implicit, 0x0028, 0x0011, "US", le16(w));
            element(out, implicit, 0x0028, 0x0100, "US", le16(bitsAllocated));
            element(out, implicit, 0x0028, 0x0101, "US", le16(bitsStored));
            element(out, implicit, 0x0028, 0x0102, "US", le16(bitsStored - 1));
            element(out, implicit, 0x0028, 0x0103, "US", le16(signed ? 1 : 0));
            byte[] even =
                    pixelData.length % 2 == 0 ? pixelData : java.util.Arrays.copyOf(pixelData, pixelData.length + 1);
            element(out, implicit, 0x7FE0, 0x0010, pixelVr, even);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] text(String s) {
        String padded = s.length() % 2 == 1 ? s + (s.matches("[0-9.]+") ? "\0" : " ") : s;
        return padded.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** A data-set element, in implicit VR (tag, 4-byte length) when the transfer syntax says so. */
    private static void element(OutputStream o, boolean implicit, int group, int element, String vr, byte[] value)
            throws IOException {
        if (!implicit) {
            element(o, group, element, vr, value);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) group).putShort((short) element).putInt(value.length);
        o.write(b.array());
        o.write(value);
    }

    private static void element(OutputStream o, int group, int element, String vr, byte[] value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) group).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB") || vr.equals("OW")) {
            b.putShort((short) 0).putInt(value.length);
            o.write(b.array(), 0, 12);
        } else {
            b.putShort((short) value.length);
            o.write(b.array(), 0, 8);
        }
        o.write(value);
    }
}

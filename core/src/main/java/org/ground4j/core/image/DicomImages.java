package org.ground4j.core.image;

import ij.ImagePlus;
import ij.plugin.DICOM;
import ij.process.ImageProcessor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Uncompressed DICOM through ImageJ ({@code net.imagej:ij}, public domain), headless and offline.
 *
 * <p>Supported: transfer syntaxes implicit VR little endian, explicit VR little endian and explicit VR big endian;
 * 8- and 16-bit grey (signed data is shifted to unsigned by ImageJ, which keeps the order of values, so the
 * percentile window gives the same result); MONOCHROME1 (inverted grey) is flipped so that dense tissue is bright
 * as in MONOCHROME2; 24-bit RGB. Single-frame only.
 *
 * <p>Not supported: compressed transfer syntaxes (JPEG baseline/lossless, JPEG-LS, JPEG 2000, RLE, deflate).
 * They are rejected by name with the offline conversion to run first, e.g. {@code gdcmconv --raw in.dcm out.dcm}
 * (Debian package {@code libgdcm-tools}) or {@code dcmdjpeg in.dcm out.dcm} (package {@code dcmtk}).
 */
final class DicomImages {

    /** Transfer syntaxes ImageJ decodes: implicit LE, explicit LE, explicit BE. */
    private static final Set<String> UNCOMPRESSED =
            Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2");

    private static final String CONVERT_HINT = "convert it to an uncompressed transfer syntax first, e.g. "
            + "'gdcmconv --raw in.dcm out.dcm' (libgdcm-tools) or 'dcmdjpeg in.dcm out.dcm' (dcmtk)";

    private DicomImages() {}

    /** A Part-10 file ({@code DICM} after the 128-byte preamble), or a file named {@code *.dcm} / {@code *.dicom}. */
    static boolean isDicom(byte[] bytes, String name) {
        if (bytes.length >= 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M') {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".dcm") || lower.endsWith(".dicom");
    }

    /** Decodes a file that {@link ImageLoader#check} passed. */
    static UnitImage decode(byte[] bytes, String name, PercentileWindow window) {
        String syntax = transferSyntax(bytes);
        if (syntax != null && !UNCOMPRESSED.contains(syntax)) {
            throw new ImageReadException(name + ": compressed DICOM (transfer syntax " + syntax + " " + describe(syntax)
                    + ") is not supported; " + CONVERT_HINT);
        }
        DICOM dicom = new DICOM(new ByteArrayInputStream(bytes));
        dicom.open(name);
        if (dicom.getWidth() == 0 || dicom.getProcessor() == null) {
            throw new ImageReadException(name + ": cannot decode DICOM image (not DICOM, no pixel data, "
                    + "or an encoding ImageJ does not read; if it is compressed, " + CONVERT_HINT + ")");
        }
        if (dicom.getStackSize() > 1) {
            throw new ImageReadException(name + ": multi-frame DICOM (" + dicom.getStackSize()
                    + " frames) is not supported; expected one radiograph");
        }
        return toUnit(dicom, name, window);
    }

    /** ImageJ reads a file cut short as if the missing pixels were zero: refuse it instead. */
    static void requireWholePixelData(DicomHeader h, long fileLength, String name) {
        long available = fileLength - h.pixelDataOffset();
        long needed = h.pixelBytes();
        if (h.pixelDataLength() > available || h.pixelDataLength() >= 0 && needed > available) {
            throw new ImageReadException(name + ": truncated DICOM (the pixel data holds " + available
                    + " bytes of the " + Math.max(needed, h.pixelDataLength()) + " that " + h.columns() + " x "
                    + h.rows() + " pixels x " + h.samplesPerPixel() + " samples x " + h.bitsAllocated() + " bits"
                    + (h.frames() > 1 ? " x " + h.frames() + " frames" : "") + " need)");
        }
    }

    private static UnitImage toUnit(ImagePlus imp, String name, PercentileWindow window) {
        ImageProcessor ip = imp.getProcessor();
        int w = imp.getWidth();
        int h = imp.getHeight();
        float[] unit;
        int channels = 1;
        switch (imp.getBitDepth()) {
            case 8 -> {
                byte[] px = (byte[]) ip.getPixels();
                unit = new float[px.length];
                for (int i = 0; i < px.length; i++) {
                    unit[i] = (px[i] & 0xFF) / 255f;
                }
            }
            case 16 -> unit = window.apply((short[]) ip.getPixels());
            case 24 -> {
                int[] px = (int[]) ip.getPixels();
                channels = 3;
                unit = new float[px.length * 3];
                for (int i = 0; i < px.length; i++) {
                    unit[3 * i] = ((px[i] >> 16) & 0xFF) / 255f;
                    unit[3 * i + 1] = ((px[i] >> 8) & 0xFF) / 255f;
                    unit[3 * i + 2] = (px[i] & 0xFF) / 255f;
                }
            }
            default ->
                throw new ImageReadException(name + ": unsupported DICOM pixel format (" + imp.getBitDepth()
                        + "-bit), expected 8- or 16-bit grey or RGB");
        }
        if (channels == 1 && ip.isInvertedLut()) {
            for (int i = 0; i < unit.length; i++) {
                unit[i] = 1f - unit[i];
            }
        }
        return new UnitImage(w, h, channels, unit);
    }

    /**
     * The Transfer Syntax UID (0002,0010) of a Part-10 file's meta header, which is always explicit VR little
     * endian; {@code null} without a meta header.
     */
    static String transferSyntax(byte[] b) {
        if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
            return null;
        }
        int p = 132;
        while (p + 8 <= b.length) {
            int group = u16(b, p);
            int element = u16(b, p + 2);
            if (group != 0x0002) {
                return null;
            }
            String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
            long length;
            int header;
            if (Set.of("OB", "OW", "OF", "SQ", "UT", "UN").contains(vr)) {
                if (p + 12 > b.length) {
                    return null;
                }
                length = u16(b, p + 8) | ((long) u16(b, p + 10) << 16);
                header = 12;
            } else {
                length = u16(b, p + 6);
                header = 8;
            }
            if (p + header + length > b.length) {
                return null;
            }
            if (element == 0x0010) {
                return new String(b, p + header, (int) length, StandardCharsets.US_ASCII)
                        .trim()
                        .replace("\0", "");
            }
            p += header + (int) length;
        }
        return null;
    }

    private static String describe(String syntax) {
        if (syntax.startsWith("1.2.840.10008.1.2.4.8")) {
            return "(JPEG-LS)";
        }
        if (syntax.startsWith("1.2.840.10008.1.2.4.9")) {
            return "(JPEG 2000)";
        }
        if (syntax.startsWith("1.2.840.10008.1.2.4.")) {
            return "(JPEG)";
        }
        if (syntax.equals("1.2.840.10008.1.2.5")) {
            return "(RLE)";
        }
        if (syntax.equals("1.2.840.10008.1.2.1.99")) {
            return "(deflate)";
        }
        return "(unknown)";
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }
}

package org.ground4j.core.image;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.ground4j.core.InvalidInputException;

/**
 * What a DICOM data set says about its pixels, read by walking its elements up to the pixel data without decoding
 * anything: the image size (checked against {@link ImageLimits} before decoding) and where the pixel data lies and
 * how long it is (so that a file cut short is refused instead of decoded with zeros in place of the missing rows).
 *
 * <p>Walks Part-10 files (meta group in explicit VR little endian, then the data set in its transfer syntax) and bare
 * data sets without a preamble (implicit VR little endian); sequences of defined and undefined length are skipped
 * item by item.
 *
 * @param rows             (0028,0010)
 * @param columns          (0028,0011)
 * @param samplesPerPixel  (0028,0002), 1 when absent
 * @param bitsAllocated    (0028,0100)
 * @param frames           (0028,0008), 1 when absent
 * @param pixelDataOffset  where the pixel data's value starts in the file
 * @param pixelDataLength  the pixel data's declared length in bytes, or -1 when undefined (encapsulated)
 */
record DicomHeader(
        int rows,
        int columns,
        int samplesPerPixel,
        int bitsAllocated,
        int frames,
        long pixelDataOffset,
        long pixelDataLength) {

    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final Set<String> LONG_VR =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;

    /** Bytes the pixels need: rows x columns x samples x bytes per sample x frames. */
    long pixelBytes() {
        return (long) rows * columns * samplesPerPixel * Math.max(1, bitsAllocated / 8) * frames;
    }

    /**
     * Reads the header of {@code b}.
     *
     * @param name names the file in messages
     * @throws InvalidInputException when the data set is malformed, cut short before its pixel data, or lacks
     *                               rows, columns or pixel data
     */
    static DicomHeader read(byte[] b, String name) {
        Walker w = new Walker(b, name);
        boolean part10 = b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        if (part10) {
            w.pos = 132;
            w.explicit = true;
            w.little = true;
            String syntax = null;
            while (w.pos + 8 <= b.length && w.u16(w.pos) == 0x0002) {
                int tag = w.tag();
                long len = w.length();
                if (tag == 0x00020010) {
                    syntax = w.text(len);
                }
                w.skip(len);
            }
            w.explicit = !"1.2.840.10008.1.2".equals(syntax);
            w.little = !"1.2.840.10008.1.2.2".equals(syntax);
        } else {
            w.explicit = false; // a bare data set, as ACR-NEMA and some old DICOM writers leave it
            w.little = true;
        }
        return w.dataSet();
    }

    /** A cursor over the file's elements. */
    private static final class Walker {
        private final byte[] b;
        private final String name;
        private int pos;
        private boolean explicit;
        private boolean little;
        private String vr;
        private int rows = -1, columns = -1, samples = 1, bits = 16, frames = 1;

        Walker(byte[] b, String name) {
            this.b = b;
            this.name = name;
        }

        DicomHeader dataSet() {
            while (pos < b.length) {
                int tag = tag();
                long len = length();
                if (tag == PIXEL_DATA) {
                    if (rows <= 0 || columns <= 0) {
                        throw bad("no Rows (0028,0010) and Columns (0028,0011) before the pixel data");
                    }
                    return new DicomHeader(rows, columns, samples, bits, frames, pos, len == UNDEFINED ? -1 : len);
                }
                if (len == UNDEFINED) {
                    skipUndefined();
                    continue;
                }
                switch (tag) {
                    case 0x00280002 -> samples = unsigned(len);
                    case 0x00280008 -> frames = Math.max(1, parseInt(text(len)));
                    case 0x00280010 -> rows = unsigned(len);
                    case 0x00280011 -> columns = unsigned(len);
                    case 0x00280100 -> bits = unsigned(len);
                    default -> {}
                }
                skip(len);
            }
            throw bad("no pixel data (7FE0,0010) in " + b.length + " bytes");
        }

        /** Skips a sequence (or an item) of undefined length up to its delimiter. */
        private void skipUndefined() {
            while (true) {
                need(8);
                int tag = tag();
                long len = length();
                if (tag == SEQUENCE_END || tag == ITEM_END) {
                    return;
                }
                if (tag == ITEM) {
                    if (len == UNDEFINED) {
                        skipItemElements();
                    } else {
                        skip(len);
                    }
                    continue;
                }
                throw bad("malformed sequence (unexpected element " + hexTag(tag) + ")");
            }
        }

        /** The elements of an item of undefined length, up to its delimiter. */
        private void skipItemElements() {
            while (true) {
                need(8);
                int tag = tag();
                long len = length();
                if (tag == ITEM_END) {
                    return;
                }
                if (len == UNDEFINED) {
                    skipUndefined();
                } else {
                    skip(len);
                }
            }
        }

        int tag() {
            need(4);
            int t = (u16(pos) << 16) | u16(pos + 2);
            pos += 4;
            vr = null;
            return t;
        }

        /** Reads the VR (explicit syntaxes) and the value length, leaving {@code pos} at the value. */
        long length() {
            int group = u16(pos - 4);
            if (group == 0xFFFE) { // items and delimiters: no VR in any syntax
                need(4);
                long l = u32(pos);
                pos += 4;
                return l;
            }
            if (explicit) {
                need(4);
                vr = new String(b, pos, 2, StandardCharsets.US_ASCII);
                if (LONG_VR.contains(vr)) {
                    need(8);
                    long l = u32(pos + 4);
                    pos += 8;
                    return l;
                }
                long l = u16(pos + 2);
                pos += 4;
                return l;
            }
            need(4);
            long l = u32(pos);
            pos += 4;
            return l;
        }

        void skip(long len) {
            if (len > b.length - pos) {
                throw bad("cut short (an element at byte " + pos + " declares " + len + " bytes, " + (b.length - pos)
                        + " remain)");
            }
            pos += (int) len;
        }

        String text(long len) {
            need(len);
            return new String(b, pos, (int) len, StandardCharsets.US_ASCII)
                    .replace("\0", "")
                    .trim();
        }

        int unsigned(long len) {
            need(2);
            return len >= 2 ? u16(pos) : 0;
        }

        int u16(int p) {
            return little ? (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) : ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        }

        long u32(int p) {
            long lo = u16(p), hi = u16(p + 2);
            return little ? lo | (hi << 16) : (lo << 16) | hi;
        }

        void need(long n) {
            if (n > b.length - pos) {
                throw bad("cut short at byte " + pos + " of " + b.length + ", before the pixel data");
            }
        }

        private int parseInt(String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw bad("Number of Frames (0028,0008) is \"" + s + "\", not a number");
            }
        }

        ImageReadException bad(String problem) {
            return new ImageReadException(name + ": DICOM header: " + problem);
        }

        private static String hexTag(int t) {
            return String.format("(%04X,%04X)", t >>> 16, t & 0xFFFF);
        }
    }
}

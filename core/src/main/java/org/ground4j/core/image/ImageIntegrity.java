package org.ground4j.core.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Refuses encoded images that are damaged or cut short, before OpenCV decodes them: OpenCV's libjpeg fills the
 * rows after a premature end of data with grey and only prints a warning, and its libpng prints a raw
 * {@code libpng error:} line; either way a model would ground sentences on an image that is not the radiograph.
 *
 * <ul>
 *   <li>PNG: every chunk's CRC, {@code IHDR} first, {@code IEND} last, and the image data inflated to exactly the
 *       bytes its size, colour type, bit depth and interlacing need.
 *   <li>JPEG: the end-of-image marker at the end, and the whole scan decoded once (by the JDK's libjpeg, scaled
 *       down, so without the memory of the full image) with its warnings ("premature end of data", "corrupt JPEG
 *       data") taken as errors.
 * </ul>
 */
final class ImageIntegrity {

    private static final int TAIL = 2048;

    private ImageIntegrity() {}

    /** Checks a PNG or JPEG; other bytes pass unchanged. */
    static void check(byte[] b, String name) {
        if (ImageLoader.isPng(b)) {
            png(b, name);
        } else if (ImageLoader.isJpeg(b)) {
            jpeg(b, name);
        }
    }

    static void png(byte[] b, String name) {
        int pos = 8;
        int width = 0, height = 0, bitDepth = 0, colourType = 0, interlace = 0;
        boolean sawHeader = false, sawEnd = false;
        Inflater inflater = new Inflater();
        byte[] sink = new byte[1 << 16];
        long inflated = 0;
        Rows rows = null;
        CRC32 crc = new CRC32();
        try {
            while (!sawEnd) {
                if (b.length - pos < 12) {
                    throw new ImageReadException(name + ": truncated PNG ("
                            + (pos >= b.length ? "no IEND chunk" : "a chunk header cut short") + " at the end of "
                            + b.length + " bytes)");
                }
                long length = u32(b, pos);
                String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
                if (length > b.length - pos - 12L) {
                    throw new ImageReadException(name + ": truncated PNG (chunk " + type + " at byte " + pos
                            + " declares " + length + " bytes, " + (b.length - pos - 12) + " remain)");
                }
                int data = pos + 8;
                int len = (int) length;
                crc.reset();
                crc.update(b, pos + 4, len + 4);
                if (crc.getValue() != u32(b, data + len)) {
                    throw new ImageReadException(
                            name + ": damaged PNG (CRC mismatch in chunk " + type + " at byte " + pos + ")");
                }
                if (!sawHeader) {
                    if (!type.equals("IHDR") || len != 13) {
                        throw new ImageReadException(name + ": damaged PNG (no IHDR chunk first)");
                    }
                    width = (int) u32(b, data);
                    height = (int) u32(b, data + 4);
                    bitDepth = b[data + 8] & 0xFF;
                    colourType = b[data + 9] & 0xFF;
                    interlace = b[data + 12] & 0xFF;
                    rows = new Rows(width, height, bitDepth, colourType, interlace, name);
                    sawHeader = true;
                } else if (type.equals("IDAT")) {
                    inflater.setInput(b, data, len);
                    inflated += drain(inflater, sink, rows, name);
                } else if (type.equals("IEND")) {
                    sawEnd = true;
                }
                pos = data + len + 4;
            }
            long expected = rows.total();
            if (!inflater.finished() || inflated < expected) {
                throw new ImageReadException(name + ": truncated PNG (its image data holds " + inflated + " of the "
                        + expected + " bytes that " + width + " x " + height + " pixels need)");
            }
        } finally {
            inflater.end();
        }
    }

    private static long drain(Inflater inflater, byte[] sink, Rows rows, String name) {
        long n = 0;
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int got = inflater.inflate(sink);
                rows.feed(sink, got);
                n += got;
                if (got == 0 && inflater.needsDictionary()) {
                    throw new ImageReadException(name + ": damaged PNG (image data needs a preset dictionary)");
                }
            }
        } catch (DataFormatException e) {
            throw new ImageReadException(name + ": damaged PNG (image data: " + e.getMessage() + ")");
        }
        return n;
    }

    /**
     * The rows of the filtered image data, pass by pass (one pass, or Adam7's seven), each a filter-type byte (0 to
     * 4) and the row's bytes: checks each filter byte as the data is inflated, since libpng would stop on a bad one
     * with a raw message of its own.
     */
    private static final class Rows {
        private final long[] rowBytes = new long[7];
        private final long[] rowCount = new long[7];
        private final int passes;
        private final String name;
        private int pass;
        private long row;
        private long inRow;
        private long offset;

        Rows(int w, int h, int bitDepth, int colourType, int interlace, String name) {
            this.name = name;
            int channels = switch (colourType) {
                case 0, 3 -> 1;
                case 2 -> 3;
                case 4 -> 2;
                case 6 -> 4;
                default -> throw new ImageReadException(name + ": damaged PNG (colour type " + colourType + ")");
            };
            if (w <= 0 || h <= 0 || bitDepth < 1 || bitDepth > 16 || interlace > 1) {
                throw new ImageReadException(name + ": damaged PNG (header gives " + w + " x " + h + " pixels, "
                        + bitDepth + "-bit, interlace " + interlace + ")");
            }
            long bitsPerPixel = (long) channels * bitDepth;
            if (interlace == 0) {
                rowBytes[0] = 1 + (w * bitsPerPixel + 7) / 8;
                rowCount[0] = h;
                passes = 1;
            } else { // Adam7: passes start at these offsets and step by these strides; empty passes have no rows
                int[] x0 = {0, 4, 0, 2, 0, 1, 0}, y0 = {0, 0, 4, 0, 2, 0, 1};
                int[] dx = {8, 8, 4, 4, 2, 2, 1}, dy = {8, 8, 8, 4, 4, 2, 2};
                for (int p = 0; p < 7; p++) {
                    long cols = w > x0[p] ? (w - x0[p] + dx[p] - 1) / dx[p] : 0;
                    long n = h > y0[p] ? (h - y0[p] + dy[p] - 1) / dy[p] : 0;
                    rowBytes[p] = 1 + (cols * bitsPerPixel + 7) / 8;
                    rowCount[p] = cols > 0 ? n : 0;
                }
                passes = 7;
            }
            skipEmptyPasses();
        }

        long total() {
            long t = 0;
            for (int p = 0; p < passes; p++) {
                t += rowBytes[p] * rowCount[p];
            }
            return t;
        }

        void feed(byte[] buf, int n) {
            int i = 0;
            while (i < n && pass < passes) {
                if (inRow == 0 && (buf[i] & 0xFF) > 4) {
                    throw new ImageReadException(name + ": damaged PNG (row filter type " + (buf[i] & 0xFF)
                            + " at byte " + (offset + i) + " of the image data)");
                }
                long step = Math.min(n - i, rowBytes[pass] - inRow);
                i += (int) step;
                inRow += step;
                if (inRow == rowBytes[pass]) {
                    inRow = 0;
                    if (++row == rowCount[pass]) {
                        row = 0;
                        pass++;
                        skipEmptyPasses();
                    }
                }
            }
            offset += n;
        }

        private void skipEmptyPasses() {
            while (pass < passes && rowCount[pass] == 0) {
                pass++;
            }
        }
    }

    static void jpeg(byte[] b, String name) {
        if (!endsWithEoi(b)) {
            throw new ImageReadException(
                    name + ": truncated JPEG (no end-of-image marker at the end of " + b.length + " bytes)");
        }
        AtomicReference<String> warning = new AtomicReference<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                IIOReadWarningListener listener = (source, message) -> warning.compareAndSet(null, message);
                reader.addIIOReadWarningListener(listener);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(8, 8, 0, 0); // every scan line is still decoded, 1/64 of it kept
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // a JPEG the JDK cannot read (CMYK, 12-bit, arithmetic coding) is left to OpenCV, which decodes more
            return;
        }
        String w = warning.get();
        if (w != null
                && (w.contains("Corrupt JPEG data")
                        || w.contains("Premature end")
                        || w.contains("Inconsistent progression"))) {
            throw new ImageReadException(name + ": damaged or truncated JPEG (" + w.trim() + ")");
        }
    }

    private static boolean endsWithEoi(byte[] b) {
        for (int i = b.length - 2; i >= Math.max(0, b.length - TAIL); i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static long u32(byte[] b, int p) {
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }
}

package org.ground4j.core.image;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;

/**
 * The pixel size an image declares in its header, read without decoding: the first few hundred bytes of a PNG or
 * JPEG, the elements of a DICOM data set up to its pixel data. Dataset readers use it to normalise pixel boxes or
 * check thousands of images; {@link ImageLoader} uses it to refuse an image over its {@link ImageLimits} before
 * decoding it.
 *
 * <pre>{@code
 * ImageHeaders.Size s = ImageHeaders.size(Path.of("images/abc.png"));   // e.g. 2544 x 3056
 * }</pre>
 */
public final class ImageHeaders {

    /** Width and height in pixels. */
    public record Size(int width, int height) {
        public Size {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
            }
        }
    }

    private ImageHeaders() {}

    /**
     * @throws InvalidInputException if the file is missing, unreadable, or not a PNG, JPEG or DICOM file with a
     *                               valid header
     */
    public static Size size(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 8192))) {
            in.mark(16);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x89 && b1 == 'P') {
                return png(in, file.toString());
            }
            if (b0 == 0xFF && b1 == 0xD8) {
                return jpeg(in, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new ImageReadException(file + ": no such image file");
        } catch (EOFException e) {
            throw new ImageReadException(file + ": image header cut short");
        } catch (IOException e) {
            throw new ImageReadException(file + ": cannot read image: " + e.getMessage(), e);
        }
        try {
            return size(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ImageReadException(file + ": cannot read image: " + e.getMessage(), e);
        }
    }

    /**
     * The size an encoded image declares.
     *
     * @param name names the image in messages
     * @throws InvalidInputException when the bytes are not a PNG, JPEG or DICOM file with a valid header
     */
    public static Size size(byte[] bytes, String name) {
        if (DicomImages.isDicom(bytes, name)) {
            DicomHeader h = DicomHeader.read(bytes, name);
            return size(h.columns(), h.rows(), name);
        }
        if (!ImageLoader.isPng(bytes) && !ImageLoader.isJpeg(bytes)) {
            throw new ImageReadException(name + ": not a PNG, JPEG or DICOM file (" + bytes.length + " bytes)");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return ImageLoader.isPng(bytes) ? png(in, name) : jpeg(in, name);
        } catch (EOFException e) {
            throw new ImageReadException(name + ": image header cut short");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
    }

    private static Size png(DataInputStream in, String file) throws IOException {
        byte[] sig = new byte[8];
        in.readFully(sig);
        if (sig[1] != 'P' || sig[2] != 'N' || sig[3] != 'G' || sig[4] != 0x0D || sig[5] != 0x0A) {
            throw new ImageReadException(file + ": not a PNG (bad signature)");
        }
        int length = in.readInt();
        byte[] type = new byte[4];
        in.readFully(type);
        if (length != 13 || type[0] != 'I' || type[1] != 'H' || type[2] != 'D' || type[3] != 'R') {
            throw new ImageReadException(file + ": PNG without an IHDR chunk first");
        }
        return size(in.readInt(), in.readInt(), file);
    }

    /** Walks the JPEG markers to the first start-of-frame (SOF0..SOF15 except DHT, JPG and DAC). */
    private static Size jpeg(DataInputStream in, String file) throws IOException {
        in.readUnsignedShort();
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                throw new ImageReadException(
                        file + ": corrupt JPEG header (expected a marker, found 0x" + Integer.toHexString(b) + ")");
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) {
                marker = in.readUnsignedByte();
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new ImageReadException(file + ": JPEG without a frame header before the image data");
            }
            int length = in.readUnsignedShort();
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                in.readUnsignedByte();
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                return size(width, height, file);
            }
            in.skipNBytes(length - 2L);
        }
    }

    private static Size size(int width, int height, String file) {
        if (width <= 0 || height <= 0) {
            throw new ImageReadException(file + ": image header gives a size of " + width + "x" + height);
        }
        return new Size(width, height);
    }
}

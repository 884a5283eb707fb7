package org.ground4j.core.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.core.InvalidInputException;

/**
 * Reads radiographs into {@link UnitImage}s: PNG (8- and 16-bit) and JPEG through OpenCV, uncompressed DICOM
 * through ImageJ ({@link DicomImages}), and images already in memory ({@code byte[]}, {@link BufferedImage},
 * OpenCV {@link Mat}).
 *
 * <p>Values: 8-bit samples are divided by 255 (such images are already windowed for display, e.g. MIMIC-CXR-JPG);
 * 16-bit samples go through a {@link PercentileWindow} (0.5 / 99.5 percentiles by default, see there why).
 * Colour images become RGB; an alpha channel is dropped; grey stays one channel until preprocessing.
 *
 * <p>Before anything is decoded, the size the image declares (its header, {@link ImageHeaders}) is checked against
 * the {@link ImageLimits}, so that a small file declaring a huge image is refused in milliseconds
 * ({@link ImageTooLargeException}); then a damaged or cut-short file is refused ({@code ImageIntegrity}: PNG chunk
 * checksums and image data length, JPEG end of data, DICOM pixel data shorter than rows x columns x samples x
 * bytes). Only PNG, JPEG and DICOM are decoded. Files are read whole and decoded with
 * {@code imdecode(..., IMREAD_UNCHANGED)} (the same decoder as {@code imread}, and it sidesteps OpenCV's trouble with
 * non-ASCII paths). Every problem is an {@link InvalidInputException} naming the image.
 *
 * <pre>{@code
 * UnitImage img = ImageLoader.DEFAULT.load(Path.of("images_grounding/abc.png"));
 * ModelInput in = new Preprocessor(PreprocessConfig.DEFAULT).apply(img);
 * }</pre>
 */
public final class ImageLoader {

    /** Loader with the default 16-bit window (percentiles 0.5 / 99.5) and the default {@link ImageLimits}. */
    public static final ImageLoader DEFAULT = new ImageLoader(PercentileWindow.DEFAULT);

    private final PercentileWindow window;
    private final ImageLimits limits;

    /** @param window how 16-bit samples map to [0,1] */
    public ImageLoader(PercentileWindow window) {
        this(window, ImageLimits.DEFAULT);
    }

    /**
     * @param window how 16-bit samples map to [0,1]
     * @param limits the largest image decoded
     */
    public ImageLoader(PercentileWindow window, ImageLimits limits) {
        this.window = java.util.Objects.requireNonNull(window, "window");
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    public PercentileWindow window() {
        return window;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Reads a PNG, JPEG or uncompressed DICOM file. */
    public UnitImage load(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageReadException(file + ": is a folder; expected an image file");
            }
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new ImageReadException(file + ": " + Files.size(file) + " bytes, too large for an image file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageReadException(file + ": no such image file");
        } catch (IOException e) {
            throw new ImageReadException(file + ": cannot read image: " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    /**
     * Decodes an encoded image held in memory.
     *
     * @param name names the image in error messages (a file name, a URL, a record id)
     */
    public UnitImage decode(byte[] bytes, String name) {
        check(bytes, name);
        if (DicomImages.isDicom(bytes, name)) {
            return DicomImages.decode(bytes, name, window);
        }
        try (BytePointer data = new BytePointer(bytes);
                Mat buf = new Mat(1, bytes.length, CV_8U, data);
                Mat mat = imdecode(buf, IMREAD_UNCHANGED)) {
            if (mat == null || mat.empty()) {
                throw new ImageReadException(name + ": cannot decode image: not a PNG, JPEG or DICOM file, "
                        + "or corrupt (" + bytes.length + " bytes)");
            }
            return fromMat(mat, name);
        }
    }

    /**
     * Checks an encoded image without decoding it, as {@link #decode} does first: a PNG, JPEG or DICOM file whose
     * declared size is within the {@link ImageLimits} and whose data is whole (PNG checksums and image data, the
     * JPEG scan, DICOM pixel data length). A service can refuse an upload with this before queueing it.
     *
     * @param name names the image in error messages
     * @return the size the image declares
     * @throws ImageTooLargeException when the declared size exceeds the limits
     * @throws InvalidInputException  when the bytes are empty, not a supported format, damaged or cut short
     */
    public ImageHeaders.Size check(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new ImageReadException(name + ": empty file (0 bytes), not an image");
        }
        if (DicomImages.isDicom(bytes, name)) { // one walk of the header gives the size and the pixel data's extent
            DicomHeader h = DicomHeader.read(bytes, name);
            limits.check(h.columns(), h.rows(), name);
            DicomImages.requireWholePixelData(h, bytes.length, name);
            return new ImageHeaders.Size(h.columns(), h.rows());
        }
        ImageHeaders.Size declared = ImageHeaders.size(bytes, name);
        limits.check(declared.width(), declared.height(), name);
        ImageIntegrity.check(bytes, name);
        return declared;
    }

    /**
     * Converts an OpenCV image: depth 8U or 16U; 1 (grey), 2 (grey + alpha), 3 (BGR) or 4 (BGRA) channels,
     * in OpenCV's channel order.
     */
    public UnitImage fromMat(Mat mat) {
        return fromMat(mat, "Mat");
    }

    private UnitImage fromMat(Mat mat, String name) {
        limits.check(mat.cols(), mat.rows(), name);
        int depth = mat.depth();
        int channels = mat.channels();
        if (depth != CV_8U && depth != CV_16U) {
            throw new ImageReadException(
                    name + ": unsupported pixel depth (OpenCV depth " + depth + "), expected 8- or 16-bit samples");
        }
        if (channels < 1 || channels > 4) {
            throw new ImageReadException(name + ": unsupported channel count " + channels);
        }
        int w = mat.cols();
        int h = mat.rows();
        int keep = channels >= 3 ? 3 : 1;
        int n = w * h;
        float[] unit;
        Mat dense = mat.isContinuous() ? mat : mat.clone();
        try {
            if (depth == CV_8U) {
                byte[] raw = new byte[n * channels];
                ((ByteBuffer) dense.createBuffer()).get(raw);
                unit = new float[n * keep];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < keep; c++) {
                        unit[i * keep + c] = (raw[i * channels + c] & 0xFF) / 255f;
                    }
                }
            } else {
                short[] raw = new short[n * channels];
                ((ShortBuffer) dense.createBuffer()).get(raw);
                short[] colour = raw;
                if (keep != channels) {
                    colour = new short[n * keep];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(raw, i * channels, colour, i * keep, keep);
                    }
                }
                unit = window.apply(colour);
            }
        } finally {
            if (dense != mat) {
                dense.close();
            }
        }
        if (keep == 3) {
            swapRedBlue(unit);
        }
        return new UnitImage(w, h, keep, unit);
    }

    /** OpenCV's BGR to RGB, in place. */
    private static void swapRedBlue(float[] bgr) {
        for (int i = 0; i < bgr.length; i += 3) {
            float b = bgr[i];
            bgr[i] = bgr[i + 2];
            bgr[i + 2] = b;
        }
    }

    /**
     * Converts a Java image. Grey or colour rasters with 8- or 16-bit components are read sample by sample
     * (16-bit through the window); anything else (palettes, packed RGB) through its 8-bit sRGB values.
     */
    public UnitImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        limits.check(w, h, "BufferedImage");
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        int colourBands = img.getColorModel().getNumColorComponents();
        int type = raster.getDataBuffer().getDataType();
        boolean component =
                img.getColorModel() instanceof ComponentColorModel && (colourBands == 1 || colourBands == 3);
        if (component && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT)) {
            int[] all = raster.getPixels(0, 0, w, h, (int[]) null);
            int n = w * h;
            if (type == DataBuffer.TYPE_USHORT) {
                short[] raw = new short[n * colourBands];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < colourBands; c++) {
                        raw[i * colourBands + c] = (short) all[i * bands + c];
                    }
                }
                return new UnitImage(w, h, colourBands, window.apply(raw));
            }
            float[] unit = new float[n * colourBands];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < colourBands; c++) {
                    unit[i * colourBands + c] = all[i * bands + c] / 255f;
                }
            }
            return new UnitImage(w, h, colourBands, unit);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] rgb = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = ((argb[i] >> 16) & 0xFF) / 255f;
            rgb[3 * i + 1] = ((argb[i] >> 8) & 0xFF) / 255f;
            rgb[3 * i + 2] = (argb[i] & 0xFF) / 255f;
        }
        return new UnitImage(w, h, 3, rgb);
    }

    static boolean isPng(byte[] b) {
        return b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }
}

package org.ground4j.infer;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.UnitImage;

/**
 * An image to ground on, from wherever the application has it: a file (PNG, JPEG, uncompressed DICOM), encoded
 * bytes, a {@link BufferedImage}, an OpenCV {@link Mat}, or an already decoded {@link UnitImage}. Nothing is read
 * until the {@link Grounder} decodes it; an image that cannot be read then gives an
 * {@link org.ground4j.core.InvalidInputException} naming it.
 *
 * <pre>{@code
 * grounder.ground(ImageInput.of(Path.of("cxr.png")), "Left basal effusion.");
 * grounder.ground(ImageInput.of(bytesFromHttp, "upload 42"), "Cardiomegaly.");
 * grounder.ground(ImageInput.of(bufferedImage), "No pneumothorax.");
 * }</pre>
 */
public sealed interface ImageInput {

    /** How the image is named in error messages and outputs. */
    String name();

    /** Decodes the image; every value in [0,1]. */
    UnitImage decode(ImageLoader loader);

    /** A PNG, JPEG or uncompressed DICOM file. */
    static ImageInput of(Path file) {
        return new FromFile(file);
    }

    /** Encoded bytes of a PNG, JPEG or DICOM image, named "image bytes" in messages. */
    static ImageInput of(byte[] encoded) {
        return new FromBytes(encoded, "image bytes");
    }

    /** Encoded bytes of a PNG, JPEG or DICOM image, named {@code name} in messages. */
    static ImageInput of(byte[] encoded, String name) {
        return new FromBytes(encoded, name);
    }

    /** A Java image (grey or colour, 8 or 16 bits). */
    static ImageInput of(BufferedImage image) {
        return new FromBufferedImage(image);
    }

    /** An OpenCV image: 8 or 16 bits, 1 to 4 channels in OpenCV's (BGR) order. It is read, not released. */
    static ImageInput of(Mat image) {
        return new FromMat(image);
    }

    /** An image already decoded to [0,1], named {@code name} in messages. */
    static ImageInput of(UnitImage image, String name) {
        return new Decoded(image, name);
    }

    /** @param file the image file */
    record FromFile(Path file) implements ImageInput {
        public FromFile {
            Objects.requireNonNull(file, "image file");
        }

        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public UnitImage decode(ImageLoader loader) {
            return loader.load(file);
        }
    }

    /**
     * @param bytes the encoded image (not copied)
     * @param name  names it in messages
     */
    record FromBytes(byte[] bytes, String name) implements ImageInput {
        public FromBytes {
            Objects.requireNonNull(bytes, "image bytes");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public UnitImage decode(ImageLoader loader) {
            if (bytes.length == 0) {
                throw new InvalidInputException(name + ": no image bytes (empty)");
            }
            return loader.decode(bytes, name);
        }
    }

    /** @param image the Java image */
    record FromBufferedImage(BufferedImage image) implements ImageInput {
        public FromBufferedImage {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public String name() {
            return "BufferedImage " + image.getWidth() + "x" + image.getHeight();
        }

        @Override
        public UnitImage decode(ImageLoader loader) {
            return loader.fromBufferedImage(image);
        }
    }

    /** @param image the OpenCV image */
    record FromMat(Mat image) implements ImageInput {
        public FromMat {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public String name() {
            return "Mat " + image.cols() + "x" + image.rows();
        }

        @Override
        public UnitImage decode(ImageLoader loader) {
            if (image.isNull() || image.empty()) {
                throw new InvalidInputException(name() + ": empty OpenCV image (nothing to ground on)");
            }
            return loader.fromMat(image);
        }
    }

    /**
     * @param image the decoded image
     * @param name  names it in messages
     */
    record Decoded(UnitImage image, String name) implements ImageInput {
        public Decoded {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public UnitImage decode(ImageLoader loader) {
            return image;
        }
    }
}

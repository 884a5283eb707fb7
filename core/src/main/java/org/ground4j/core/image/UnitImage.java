package org.ground4j.core.image;

/**
 * A decoded radiograph with every value in [0,1]: the common currency between reading (any bit depth, any
 * format) and preprocessing. Grey images keep one channel; colour images have three in RGB order.
 *
 * <pre>{@code
 * UnitImage img = ImageLoader.DEFAULT.load(Path.of("images/0001.png"));
 * float centre = img.get(img.width() / 2, img.height() / 2, 0);
 * }</pre>
 *
 * @param width    pixels per row, {@code > 0}
 * @param height   rows, {@code > 0}
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels   {@code [height, width, channels]} row-major, interleaved; values in [0,1]. Not copied:
 *                 treat as read-only once the image is built.
 */
public record UnitImage(int width, int height, int channels, float[] pixels) {

    /** @throws IllegalArgumentException on a non-positive size, a channel count other than 1 or 3, or a wrong length */
    public UnitImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image has 1 (grey) or 3 (RGB) channels, got " + channels);
        }
        if (pixels == null || pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("expected " + ((long) width * height * channels) + " values for a "
                    + width + "x" + height + "x" + channels + " image, got "
                    + (pixels == null ? "null" : pixels.length));
        }
    }

    /** The value of channel {@code c} at column {@code x}, row {@code y}. */
    public float get(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c];
    }

    /** The same pixels with three channels (grey repeated); this image when it already has three. */
    public UnitImage toRgb() {
        if (channels == 3) {
            return this;
        }
        float[] rgb = new float[pixels.length * 3];
        for (int i = 0; i < pixels.length; i++) {
            rgb[3 * i] = pixels[i];
            rgb[3 * i + 1] = pixels[i];
            rgb[3 * i + 2] = pixels[i];
        }
        return new UnitImage(width, height, 3, rgb);
    }
}

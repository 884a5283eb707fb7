package org.ground4j.core.image;

/**
 * The largest image ground4j decodes, checked against the size an image's header declares before any pixel is
 * decoded, so that a small file declaring a huge image (a decompression bomb) is refused in milliseconds instead of
 * taking gigabytes. The default, 100 megapixels and 30000 pixels a side, is five times the largest radiographs
 * (about 4300 x 4300 pixels).
 *
 * <pre>{@code
 * ImageLoader loader = new ImageLoader(PercentileWindow.DEFAULT, new ImageLimits(400_000_000L, 40_000));
 * }</pre>
 *
 * @param maxPixels width x height at most
 * @param maxSide   width and height at most
 */
public record ImageLimits(long maxPixels, int maxSide) {

    /** 100 megapixels, 30000 pixels a side. */
    public static final ImageLimits DEFAULT = new ImageLimits(100_000_000L, 30_000);

    /** The most a decoded image can hold: its float samples must fit one Java array. */
    private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8L;

    /** @throws IllegalArgumentException when a limit is not positive or beyond what one Java array can hold */
    public ImageLimits {
        if (maxPixels < 1 || maxSide < 1) {
            throw new IllegalArgumentException(
                    "image limits must be positive, got " + maxPixels + " pixels and " + maxSide + " a side");
        }
        if (maxPixels * 3 > ARRAY_LIMIT) {
            throw new IllegalArgumentException("image pixel limit " + maxPixels + " is beyond what can be decoded ("
                    + ARRAY_LIMIT / 3 + " at most)");
        }
    }

    /**
     * @param name names the image in the message
     * @throws ImageTooLargeException when the image is larger than these limits
     */
    public void check(long width, long height, String name) {
        if (width > maxSide || height > maxSide || width * height > maxPixels) {
            throw new ImageTooLargeException(name, width, height, this);
        }
    }
}

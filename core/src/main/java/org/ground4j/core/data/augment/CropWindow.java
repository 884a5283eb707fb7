package org.ground4j.core.data.augment;

import java.util.Random;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.UnitImage;

/**
 * A rectangle of whole pixels inside an image: the result of a random crop.
 *
 * @param x      left column, {@code >= 0}
 * @param y      top row, {@code >= 0}
 * @param width  columns, {@code >= 1}
 * @param height rows, {@code >= 1}
 */
public record CropWindow(int x, int y, int width, int height) {

    public CropWindow {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "crop window needs x, y >= 0 and a positive size, got " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** The whole {@code w x h} image. */
    public static CropWindow full(int w, int h) {
        return new CropWindow(0, 0, w, h);
    }

    /**
     * A random window: each side uniform in {@code [minFraction * side, side]} (rounded, at least 1 pixel), the
     * position uniform over the places it fits.
     */
    public static CropWindow random(int w, int h, double minFraction, Random rng) {
        int cw = side(w, minFraction, rng);
        int ch = side(h, minFraction, rng);
        int x = rng.nextInt(w - cw + 1);
        int y = rng.nextInt(h - ch + 1);
        return new CropWindow(x, y, cw, ch);
    }

    private static int side(int full, double minFraction, Random rng) {
        int lo = Math.max(1, (int) Math.ceil(minFraction * full));
        return lo >= full ? full : lo + rng.nextInt(full - lo + 1);
    }

    /** The window in coordinates normalised to the {@code w x h} image it was taken from. */
    public Box normalisedIn(int w, int h) {
        return new Box((double) x / w, (double) y / h, (double) (x + width) / w, (double) (y + height) / h);
    }

    /** The pixels of {@code image} inside this window. */
    public UnitImage cut(UnitImage image) {
        if (x + width > image.width() || y + height > image.height()) {
            throw new IllegalArgumentException(
                    "crop " + this + " does not fit a " + image.width() + "x" + image.height() + " image");
        }
        int c = image.channels();
        float[] src = image.pixels();
        float[] out = new float[width * height * c];
        for (int row = 0; row < height; row++) {
            System.arraycopy(src, ((y + row) * image.width() + x) * c, out, row * width * c, width * c);
        }
        return new UnitImage(width, height, c, out);
    }
}

package org.ground4j.core.data.readers;

import java.util.Locale;
import org.ground4j.core.geometry.Box;

/**
 * Turns a dataset's box (corners in pixels of a {@code width x height} image, or already normalised with
 * {@code width = height = 1}) into a normalised {@link Box}, or says why it cannot. Coordinates a hair outside the
 * image (within {@code tolerance}, e.g. an annotation tool's {@code x2 = width}) are clipped and counted; anything
 * else outside, inverted or not finite is rejected — a reader never invents a box.
 */
final class BoxCheck {

    /** Clipping allowance for pixel boxes: one pixel. */
    static final double PIXEL_TOLERANCE = 1.0;
    /** Clipping allowance for normalised boxes. */
    static final double UNIT_TOLERANCE = 1e-3;

    private int clipped;

    /** Boxes clipped so far. */
    int clipped() {
        return clipped;
    }

    /**
     * @return the normalised box
     * @throws IllegalArgumentException with the reason when the box cannot be used
     */
    Box normalise(double x1, double y1, double x2, double y2, double width, double height, double tolerance) {
        String where = String.format(Locale.ROOT, "[%s, %s, %s, %s]", num(x1), num(y1), num(x2), num(y2));
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(x2) || !Double.isFinite(y2)) {
            throw new IllegalArgumentException("box " + where + " has a coordinate that is not a finite number");
        }
        if (x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("box " + where + " is inverted (x2 < x1 or y2 < y1)");
        }
        if (x1 < -tolerance || y1 < -tolerance || x2 > width + tolerance || y2 > height + tolerance) {
            throw new IllegalArgumentException("box " + where + " lies outside the " + num(width) + "x" + num(height)
                    + (width == 1 && height == 1 ? " normalised" : " pixel") + " image");
        }
        double cx1 = clip(x1, width);
        double cy1 = clip(y1, height);
        double cx2 = clip(x2, width);
        double cy2 = clip(y2, height);
        if (cx1 != x1 || cy1 != y1 || cx2 != x2 || cy2 != y2) {
            clipped++;
        }
        return new Box(cx1 / width, cy1 / height, cx2 / width, cy2 / height);
    }

    private static double clip(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

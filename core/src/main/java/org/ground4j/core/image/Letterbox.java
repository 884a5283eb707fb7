package org.ground4j.core.image;

import org.ground4j.core.geometry.Box;

/**
 * Where an original image lies inside the square model input (DESIGN.md section 2): its longer side resized to
 * {@code size}, aspect kept, the content at the top-left, zero padding at the bottom and right.
 *
 * <p>Box mapping is exact for the pixels preprocessing actually produces: OpenCV resizes the whole original
 * extent onto the whole content extent ({@code contentWidth x contentHeight}, rounded), so a point at the
 * normalised original coordinate {@code x} sits at {@code x * contentWidth / size} of the model input, per axis.
 * {@link #toModel} and {@link #toOriginal} are inverse to within floating-point rounding (about 1e-16).
 *
 * <pre>{@code
 * Letterbox lb = Letterbox.of(2000, 2500, 640);   // content 512 x 640, padding on the right
 * Box modelBox = lb.toModel(new Box(0.1, 0.2, 0.5, 0.6));
 * Box back = lb.toOriginal(modelBox);             // the same box
 * }</pre>
 *
 * @param originalWidth  original image width in pixels
 * @param originalHeight original image height in pixels
 * @param size           side of the square model input in pixels
 * @param contentWidth   width of the resized image inside the input, {@code 1..size}
 * @param contentHeight  height of the resized image inside the input, {@code 1..size}
 */
public record Letterbox(int originalWidth, int originalHeight, int size, int contentWidth, int contentHeight) {

    /** @throws IllegalArgumentException on non-positive sizes or content larger than the input */
    public Letterbox {
        if (originalWidth <= 0 || originalHeight <= 0 || size <= 0) {
            throw new IllegalArgumentException("letterbox sizes must be positive, got original " + originalWidth + "x"
                    + originalHeight + ", input " + size);
        }
        if (contentWidth < 1 || contentHeight < 1 || contentWidth > size || contentHeight > size) {
            throw new IllegalArgumentException("content " + contentWidth + "x" + contentHeight + " must fit in the "
                    + size + "x" + size + " input");
        }
    }

    /** The letterbox of a {@code width x height} image in a {@code size x size} input. */
    public static Letterbox of(int width, int height, int size) {
        if (width <= 0 || height <= 0 || size <= 0) {
            throw new IllegalArgumentException(
                    "letterbox sizes must be positive, got " + width + "x" + height + " into " + size);
        }
        double scale = (double) size / Math.max(width, height);
        int cw = width >= height ? size : clampSide(Math.round(width * scale), size);
        int ch = height >= width ? size : clampSide(Math.round(height * scale), size);
        return new Letterbox(width, height, size, cw, ch);
    }

    private static int clampSide(long side, int size) {
        return (int) Math.max(1, Math.min(size, side));
    }

    /** Nominal resize factor, input pixels per original pixel along the longer side. */
    public double scale() {
        return (double) size / Math.max(originalWidth, originalHeight);
    }

    /** Whether the content is smaller than the original (resized with INTER_AREA) rather than larger. */
    public boolean shrinks() {
        return contentWidth < originalWidth || contentHeight < originalHeight;
    }

    /** Fraction of the input's width covered by the image. */
    public double contentFractionX() {
        return (double) contentWidth / size;
    }

    /** Fraction of the input's height covered by the image. */
    public double contentFractionY() {
        return (double) contentHeight / size;
    }

    /** The image content in model-normalised coordinates: {@code [0, 0, cw/size, ch/size]}. */
    public Box contentBox() {
        return new Box(0, 0, contentFractionX(), contentFractionY());
    }

    /** A box normalised to the original image, normalised to the model input. */
    public Box toModel(Box original) {
        double fx = contentFractionX();
        double fy = contentFractionY();
        return new Box(original.x1() * fx, original.y1() * fy, original.x2() * fx, original.y2() * fy);
    }

    /**
     * A box normalised to the model input, normalised to the original image. Not clamped: a predicted box that
     * reaches into the padding maps beyond 1; clamp it when the caller needs boxes inside the image.
     */
    public Box toOriginal(Box model) {
        double fx = (double) size / contentWidth;
        double fy = (double) size / contentHeight;
        return new Box(model.x1() * fx, model.y1() * fy, model.x2() * fx, model.y2() * fy);
    }
}

package org.ground4j.core.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.List;

/**
 * A float image of X-ray attenuation that shapes are added into. Each shape is rasterised with anti-aliasing
 * into an 8-bit coverage mask (Java2D, headless) and its density times the coverage is added to the pixels it
 * covers; shapes come in normalised image coordinates. Not thread-safe: one canvas per image.
 */
final class DensityCanvas {

    /** A value defined at every pixel, e.g. a texture. */
    @FunctionalInterface
    interface Field {
        float at(int x, int y);
    }

    private final int width;
    private final int height;
    private final float[] density;
    private final byte[] mask;
    private final Graphics2D g;
    private final AffineTransform toPixels;

    DensityCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.density = new float[width * height];
        BufferedImage maskImage = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        this.mask = ((DataBufferByte) maskImage.getRaster().getDataBuffer()).getData();
        this.g = maskImage.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        this.toPixels = AffineTransform.getScaleInstance(width, height);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The attenuation image, row-major {@code [height * width]} (shared, not a copy). */
    float[] density() {
        return density;
    }

    /** Adds {@code value} over a shape. */
    void fill(Shape shape, double value) {
        fill(shape, null, value);
    }

    /** Adds {@code value} over a shape, only where {@code clip} (if not null) covers. */
    void fill(Shape shape, Shape clip, double value) {
        addCoverage(List.of(toPixels.createTransformedShape(shape)), clip, null, (float) value);
    }

    /**
     * Adds {@code value} along centre lines drawn {@code widthPx} pixels wide, within {@code clip} if given.
     * Where lines cross, their union counts once (a bundle of vessels, a set of ribs).
     */
    void stroke(List<Shape> lines, double widthPx, Shape clip, double value) {
        BasicStroke pen = new BasicStroke((float) widthPx, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        List<Shape> px = lines.stream()
                .map(l -> pen.createStrokedShape(toPixels.createTransformedShape(l)))
                .toList();
        addCoverage(px, clip, null, (float) value);
    }

    /** Adds {@code field} over a shape (a texture inside the lungs, say). */
    void fill(Shape shape, Field field) {
        addCoverage(List.of(toPixels.createTransformedShape(shape)), null, field, 0);
    }

    /**
     * Rasterises the pixel-space shapes into the mask (their union) and adds coverage times {@code field}, or
     * times {@code value} when {@code field} is null.
     */
    private void addCoverage(List<Shape> px, Shape clip, Field field, float value) {
        Rectangle b = new Rectangle();
        for (Shape s : px) {
            b = b.isEmpty() ? s.getBounds() : b.union(s.getBounds());
        }
        b = b.intersection(new Rectangle(0, 0, width, height));
        if (b.isEmpty()) {
            return;
        }
        for (int y = b.y; y < b.y + b.height; y++) {
            Arrays.fill(mask, y * width + b.x, y * width + b.x + b.width, (byte) 0);
        }
        g.setClip(clip == null ? null : toPixels.createTransformedShape(clip));
        for (Shape s : px) {
            g.fill(s);
        }
        float perLevel = value / 255f;
        for (int y = b.y; y < b.y + b.height; y++) {
            int row = y * width;
            for (int x = b.x; x < b.x + b.width; x++) {
                int m = mask[row + x] & 0xFF;
                if (m != 0) {
                    density[row + x] += field == null ? m * perLevel : field.at(x, y) * (m / 255f);
                }
            }
        }
    }

    /** Releases the drawing context. */
    void dispose() {
        g.dispose();
    }
}

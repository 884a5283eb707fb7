package org.ground4j.core.geometry;

/**
 * An axis-aligned box in normalised corner coordinates {@code x1 y1 x2 y2}, usually in [0,1] of the
 * original image (DESIGN.md section 1). Zero-area boxes are legal values; weighted box fusion skips them.
 *
 * <pre>{@code
 * Box b = Box.fromCxCyWh(0.5, 0.5, 0.2, 0.4);   // Box[x1=0.4, y1=0.3, x2=0.6, y2=0.7]
 * double overlap = b.iou(new Box(0.5, 0.3, 0.7, 0.7));
 * }</pre>
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge, {@code >= x1}
 * @param y2 bottom edge, {@code >= y1}
 */
public record Box(double x1, double y1, double x2, double y2) {

    /** @throws IllegalArgumentException if a coordinate is not finite or the corners are inverted */
    public Box {
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(x2) || !Double.isFinite(y2)) {
            throw new IllegalArgumentException(
                    "box coordinates must be finite, got [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
        }
        if (x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("box corners inverted: expected x1 <= x2 and y1 <= y2, got [" + x1 + ", "
                    + y1 + ", " + x2 + ", " + y2 + "]");
        }
    }

    /** A box from centre and size, as the model's box head predicts it. */
    public static Box fromCxCyWh(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /** A box from an array {@code [x1, y1, x2, y2]}. */
    public static Box of(double[] xyxy) {
        if (xyxy.length != 4) {
            throw new IllegalArgumentException("a box has 4 coordinates x1 y1 x2 y2, got " + xyxy.length);
        }
        return new Box(xyxy[0], xyxy[1], xyxy[2], xyxy[3]);
    }

    /** {@code [cx, cy, w, h]}. */
    public double[] toCxCyWh() {
        return new double[] {cx(), cy(), width(), height()};
    }

    /** {@code [x1, y1, x2, y2]}. */
    public double[] toArray() {
        return new double[] {x1, y1, x2, y2};
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double cx() {
        return (x1 + x2) / 2;
    }

    public double cy() {
        return (y1 + y2) / 2;
    }

    public double area() {
        return width() * height();
    }

    /** True when the box has no area (a line or a point). */
    public boolean isEmpty() {
        return !(x2 > x1 && y2 > y1);
    }

    /** The overlap of two boxes, or {@code null} when they share no point. */
    public Box intersection(Box o) {
        double ix1 = Math.max(x1, o.x1), iy1 = Math.max(y1, o.y1);
        double ix2 = Math.min(x2, o.x2), iy2 = Math.min(y2, o.y2);
        return ix2 < ix1 || iy2 < iy1 ? null : new Box(ix1, iy1, ix2, iy2);
    }

    /** Area of the overlap of two boxes (0 when disjoint). */
    public double intersectionArea(Box o) {
        double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        return w > 0 && h > 0 ? w * h : 0.0;
    }

    /** The smallest box that contains both. */
    public Box enclosing(Box o) {
        return new Box(Math.min(x1, o.x1), Math.min(y1, o.y1), Math.max(x2, o.x2), Math.max(y2, o.y2));
    }

    /** Intersection over union in [0,1]; 0 when the union has no area. */
    public double iou(Box o) {
        double inter = intersectionArea(o);
        double union = area() + o.area() - inter;
        return union > 0 ? inter / union : 0.0;
    }

    /**
     * Generalised IoU (Rezatofighi et al. 2019) in [-1,1]: {@code iou - (C - U) / C} with C the area of
     * the enclosing box. Two degenerate boxes at the same point give 0, as their enclosing box has no area.
     */
    public double giou(Box o) {
        double inter = intersectionArea(o);
        double union = area() + o.area() - inter;
        double iou = union > 0 ? inter / union : 0.0;
        double c = enclosing(o).area();
        return c > 0 ? iou - (c - union) / c : iou;
    }

    /** Whether the point lies inside the box, borders included. */
    public boolean contains(double x, double y) {
        return x >= x1 && x <= x2 && y >= y1 && y <= y2;
    }

    /** Whether this box's centre lies inside {@code o}, borders included (the CH-F1 hit test). */
    public boolean centreInside(Box o) {
        return o.contains(cx(), cy());
    }

    /** This box clipped to [0,1] on both axes. */
    public Box clamp() {
        return clamp(0, 1);
    }

    /** This box clipped to [lo,hi] on both axes. */
    public Box clamp(double lo, double hi) {
        return new Box(clip(x1, lo, hi), clip(y1, lo, hi), clip(x2, lo, hi), clip(y2, lo, hi));
    }

    /** Whether every coordinate lies in [0,1]. */
    public boolean isNormalised() {
        return x1 >= 0 && y1 >= 0 && x2 <= 1 && y2 <= 1;
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

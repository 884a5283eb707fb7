package org.ground4j.core.synth;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import org.ground4j.core.geometry.Box;

/** Small geometry helpers for phantom shapes, which live in normalised image coordinates (x right, y down). */
final class Shapes {

    private static final double FLATNESS = 1e-5;

    private Shapes() {}

    /**
     * The tight bounding box of a shape, from its outline flattened to within 1e-5 (control points of curves
     * do not enlarge it), or {@code null} when the shape is empty.
     */
    static Box bounds(Shape s) {
        double x1 = Double.POSITIVE_INFINITY, y1 = Double.POSITIVE_INFINITY;
        double x2 = Double.NEGATIVE_INFINITY, y2 = Double.NEGATIVE_INFINITY;
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null, FLATNESS); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_MOVETO || type == PathIterator.SEG_LINETO) {
                x1 = Math.min(x1, c[0]);
                y1 = Math.min(y1, c[1]);
                x2 = Math.max(x2, c[0]);
                y2 = Math.max(y2, c[1]);
            }
        }
        return x1 > x2 ? null : new Box(x1, y1, x2, y2);
    }

    /** {@code a ∩ b} as a new area. */
    static Area intersect(Shape a, Shape b) {
        Area out = new Area(a);
        out.intersect(b instanceof Area area ? area : new Area(b));
        return out;
    }

    /** The horizontal band {@code y0 <= y <= y1}, wide enough to cut any phantom shape. */
    static Rectangle2D band(double y0, double y1) {
        return new Rectangle2D.Double(-1, y0, 3, y1 - y0);
    }

    /** A rectangle from corners. */
    static Rectangle2D rect(double x1, double y1, double x2, double y2) {
        return new Rectangle2D.Double(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }

    /**
     * The outline of {@code path} stroked to a width that is the same in pixels along both axes: {@code width}
     * is a fraction of the image's longer side, {@code sx}/{@code sy} convert such lengths to normalised x/y.
     */
    static Area stroke(Shape path, double width, double sx, double sy) {
        AffineTransform toIso = AffineTransform.getScaleInstance(1 / sx, 1 / sy);
        Shape iso = toIso.createTransformedShape(path);
        Shape stroked =
                new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(iso);
        return new Area(AffineTransform.getScaleInstance(sx, sy).createTransformedShape(stroked));
    }

    /** {@code s} scaled by {@code k} about the point {@code (px, py)}. */
    static Area scaleAbout(Shape s, double k, double px, double py) {
        AffineTransform t = new AffineTransform();
        t.translate(px, py);
        t.scale(k, k);
        t.translate(-px, -py);
        return new Area(t.createTransformedShape(s));
    }
}

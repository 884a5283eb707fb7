package org.ground4j.core.synth;

import java.awt.geom.Path2D;

/**
 * Outlines of the phantom's soft-tissue shapes. Lungs and domes are drawn in (distance from the midline, y)
 * coordinates and mirrored into place by {@link AnatomySampler}; body and heart in image coordinates.
 */
final class Outlines {

    private Outlines() {}

    /** A lung outline in (distance from midline, y): apex, lateral wall, costophrenic angle, dome, medial border. */
    static Path2D lungPath(double t, double m, double top, double base, double dome) {
        double h = base - top, apexU = m + 0.45 * (t - m);
        Path2D p = new Path2D.Double();
        p.moveTo(apexU, top);
        p.quadTo(t * 0.93, top + 0.004, t, top + 0.3 * h);
        p.quadTo(t + 0.012, top + 0.72 * h, t - 0.004, base);
        p.curveTo(t * 0.8, dome - 0.012, t * 0.35, dome - 0.012, 0.02, dome + 0.03);
        p.lineTo(0.9 * m, top + 0.38 * h);
        p.quadTo(m, top + 0.02, apexU, top);
        p.closePath();
        return p;
    }

    /** Everything under one dome, out to beyond the body wall, in (distance from midline, y). */
    static Path2D belowDome(double t, double bw, double base, double dome) {
        Path2D p = new Path2D.Double();
        p.moveTo(bw + 0.1, base + 0.005);
        p.lineTo(t - 0.004, base);
        p.curveTo(t * 0.8, dome - 0.012, t * 0.35, dome - 0.012, 0.02, dome + 0.03);
        p.lineTo(-0.01, dome + 0.03);
        p.lineTo(-0.01, 1.2);
        p.lineTo(bw + 0.1, 1.2);
        p.closePath();
        return p;
    }

    /** Neck, shoulders and trunk, symmetric about x = 0. */
    static Path2D bodyPath(double nw, double bw, double shoulderY) {
        Path2D p = new Path2D.Double();
        p.moveTo(-nw, -0.1);
        p.lineTo(-nw, shoulderY - 0.06);
        p.quadTo(-nw - 0.03, shoulderY - 0.01, -(bw + 0.06), shoulderY + 0.01);
        p.lineTo(-(bw + 0.08), shoulderY + 0.12);
        p.quadTo(-(bw + 0.01), shoulderY + 0.2, -bw, 0.45);
        p.quadTo(-(bw + 0.015), 0.8, -(bw - 0.02), 1.1);
        p.lineTo(bw - 0.02, 1.1);
        p.quadTo(bw + 0.015, 0.8, bw, 0.45);
        p.quadTo(bw + 0.01, shoulderY + 0.2, bw + 0.08, shoulderY + 0.12);
        p.lineTo(bw + 0.06, shoulderY + 0.01);
        p.quadTo(nw + 0.03, shoulderY - 0.01, nw, shoulderY - 0.06);
        p.lineTo(nw, -0.1);
        p.closePath();
        return p;
    }

    /**
     * Heart silhouette: narrow where the great vessels leave it at the top, right border (image left) bulging
     * gently, apex low on the image's right, flat bottom hidden in the diaphragm.
     */
    static Path2D heartPath(double cx, double xL, double xR, double top, double bottom) {
        double hh = bottom - top;
        Path2D p = new Path2D.Double();
        p.moveTo(cx - 0.03, top - 0.01);
        p.curveTo(cx - 0.05, top + 0.08 * hh, xL - 0.004, top + 0.25 * hh, xL, top + 0.55 * hh);
        p.curveTo(xL + 0.003, top + 0.8 * hh, xL + 0.01, bottom, xL + 0.05, bottom);
        p.lineTo(xR - 0.08, bottom);
        p.curveTo(xR - 0.02, bottom, xR + 0.004, top + 0.8 * hh, xR, top + 0.62 * hh);
        p.curveTo(xR - 0.01, top + 0.35 * hh, cx + 0.45 * (xR - cx), top + 0.05 * hh, cx + 0.04, top - 0.02);
        p.closePath();
        return p;
    }
}

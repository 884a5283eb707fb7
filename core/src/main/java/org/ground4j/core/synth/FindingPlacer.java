package org.ground4j.core.synth;

import static org.ground4j.core.synth.AnatomySampler.between;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.ground4j.core.geometry.Box;

/**
 * Places findings in a phantom's anatomy. Free-position findings (nodule, opacity, consolidation) go anywhere
 * inside the lung part of a zone; anatomy-anchored ones go where the anatomy puts them (effusion in the
 * costophrenic angle under a meniscus, pneumothorax between chest wall and a collapsed lung, plate-like
 * atelectasis just above the dome, cardiomegaly is the heart). Sizes are fractions of the image's longer side
 * so that a lesion keeps its size in pixels whatever the aspect ratio, and the smallest one spans at least
 * 8 pixels at a 256-pixel model input.
 */
final class FindingPlacer {

    private static final int ATTEMPTS = 40;

    private final Anatomy anatomy;
    private final Random random;

    FindingPlacer(Anatomy anatomy, Random random) {
        this.anatomy = anatomy;
        this.random = random;
    }

    /**
     * A finding of {@code category} on {@code side}, in {@code zone} for free-position findings, whose box
     * {@code accept}s (e.g. overlaps no other finding); empty when no such placement was found.
     *
     * @param side ignored for cardiomegaly
     * @param zone required for nodule, opacity and consolidation; ignored otherwise
     */
    Optional<Finding> place(Category category, Side side, Zone zone, Predicate<Box> accept) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Finding f = switch (category) {
                case NODULE -> nodule(side, zone);
                case OPACITY -> cloud(Category.OPACITY, side, zone, between(random, 0.04, 0.065), 3, 5);
                case CONSOLIDATION -> cloud(Category.CONSOLIDATION, side, zone, between(random, 0.05, 0.08), 4, 6);
                case ATELECTASIS -> atelectasis(side);
                case PLEURAL_EFFUSION -> effusion(side);
                case PNEUMOTHORAX -> pneumothorax(side);
                case CARDIOMEGALY -> cardiomegaly();
                default -> throw new IllegalArgumentException(category + " is not a finding");
            };
            if (f != null && accept.test(f.box())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private Finding nodule(Side side, Zone zone) {
        double rho = between(random, 0.016, 0.03);
        double rx = rho * anatomy.sx(), ry = rho * anatomy.sy();
        Area zoneArea = anatomy.zoneArea(side, zone);
        Ellipse2D e = inside(zoneArea, rx, ry);
        if (e == null) {
            return null;
        }
        return finding(
                Category.NODULE,
                side,
                zone,
                AnatomyRegion.zone(side, zone),
                Shapes.intersect(e, zoneArea),
                List.of(e),
                null);
    }

    /** Opacity or consolidation: a cloud of overlapping ellipses of overall radius {@code rho}. */
    private Finding cloud(Category category, Side side, Zone zone, double rho, int minBlobs, int maxBlobs) {
        double rx = rho * anatomy.sx(), ry = rho * anatomy.sy();
        Area zoneArea = anatomy.zoneArea(side, zone);
        Ellipse2D centre = inside(zoneArea, 0.5 * rx, 0.5 * ry);
        if (centre == null) {
            return null;
        }
        double cx = centre.getCenterX(), cy = centre.getCenterY();
        List<Shape> blobs = new ArrayList<>();
        Area union = new Area();
        int n = minBlobs + random.nextInt(maxBlobs - minBlobs + 1);
        for (int i = 0; i < n; i++) {
            double k = between(random, 0.45, 0.75);
            double bx = k * rx * between(random, 0.8, 1.25), by = k * ry * between(random, 0.8, 1.25);
            double ox = between(random, -0.5, 0.5) * rx, oy = between(random, -0.5, 0.5) * ry;
            Ellipse2D blob = new Ellipse2D.Double(cx + ox - bx, cy + oy - by, 2 * bx, 2 * by);
            blobs.add(blob);
            union.add(new Area(blob));
        }
        Area area = Shapes.intersect(union, zoneArea);
        Area line = null;
        if (category == Category.CONSOLIDATION) {
            line = Shapes.intersect(bronchograms(cx, cy, rx, ry), Shapes.scaleAbout(area, 0.8, cx, cy));
        }
        Finding f = finding(category, side, zone, AnatomyRegion.zone(side, zone), area, blobs, line);
        return f != null && f.box().width() >= 0.03 && f.box().height() >= 0.03 ? f : null;
    }

    /** Dark branching air-filled bronchi inside a consolidation. */
    private Area bronchograms(double cx, double cy, double rx, double ry) {
        Path2D p = new Path2D.Double();
        double angle = between(random, 0, 2 * Math.PI);
        for (int b = 0; b < 2; b++) {
            double a = angle + b * between(random, 0.4, 0.9);
            p.moveTo(cx - 0.3 * rx * Math.cos(a), cy - 0.3 * ry * Math.sin(a));
            p.lineTo(cx + 0.7 * rx * Math.cos(a), cy + 0.7 * ry * Math.sin(a));
        }
        return Shapes.stroke(p, 0.005, anatomy.sx(), anatomy.sy());
    }

    /** Plate-like atelectasis: a thin tilted band a little above the dome. */
    private Finding atelectasis(Side side) {
        Lung lung = anatomy.lung(side);
        Area lower = anatomy.zoneArea(side, Zone.LOWER);
        Box zoneBox = anatomy.box(AnatomyRegion.zone(side, Zone.LOWER));
        double cy = Math.max(zoneBox.y1() + 0.02, lung.domeY() - between(random, 0.025, 0.06));
        Box row = Shapes.bounds(Shapes.intersect(lower, Shapes.band(cy - 0.004, cy + 0.004)));
        if (row == null) {
            return null;
        }
        double length = between(random, 0.45, 0.7) * row.width() / anatomy.sx();
        double thickness = between(random, 0.025, 0.035);
        double cx = row.cx() + between(random, -0.1, 0.1) * row.width();
        Shape band = new RoundRectangle2D.Double(-length / 2, -thickness / 2, length, thickness, thickness, thickness);
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.scale(anatomy.sx(), anatomy.sy());
        t.rotate(between(random, -0.2, 0.2));
        Shape placed = t.createTransformedShape(band);
        Finding f = finding(
                Category.ATELECTASIS,
                side,
                Zone.LOWER,
                AnatomyRegion.zone(side, Zone.LOWER),
                Shapes.intersect(placed, lower),
                List.of(placed),
                null);
        return f != null && f.box().width() >= 0.04 ? f : null;
    }

    /** Fluid filling the costophrenic angle under a meniscus that climbs the lateral chest wall. */
    private Finding effusion(Side side) {
        Lung lung = anatomy.lung(side);
        Box zoneBox = anatomy.box(AnatomyRegion.zone(side, Zone.LOWER));
        Box lungBox = anatomy.box(AnatomyRegion.lung(side));
        double level = Math.min(between(random, 0.08, 0.2), lung.baseY() - zoneBox.y1() - 0.01);
        double lateral = Math.abs((side.onImageLeft() ? lungBox.x1() : lungBox.x2()) - anatomy.midlineX());
        double yLat = lung.baseY() - level, yMed = lung.baseY() - 0.6 * level;
        Path2D fluid = new Path2D.Double();
        fluid.moveTo(lateral + 0.2, yLat);
        fluid.quadTo(0.6 * lateral, yMed, 0, yMed);
        fluid.lineTo(0, 1.3);
        fluid.lineTo(lateral + 0.2, 1.3);
        fluid.closePath();
        Shape placed =
                new AffineTransform(side.imageSign(), 0, 0, 1, anatomy.midlineX(), 0).createTransformedShape(fluid);
        Area area = Shapes.intersect(anatomy.zoneArea(side, Zone.LOWER), placed);
        Finding f = finding(
                Category.PLEURAL_EFFUSION,
                side,
                Zone.LOWER,
                AnatomyRegion.zone(side, Zone.LOWER),
                area,
                List.of(),
                null);
        return f != null && f.box().width() >= 0.04 && f.box().height() >= 0.02 ? f : null;
    }

    /**
     * Air between the chest wall and a lung collapsed towards its mediastinal border: apical (in the upper
     * zone) or large (down to three quarters of the lung), with the visceral pleural line drawn.
     */
    private Finding pneumothorax(Side side) {
        Lung lung = anatomy.lung(side);
        Box lungBox = anatomy.box(AnatomyRegion.lung(side));
        double medialX = side.onImageLeft() ? lungBox.x2() : lungBox.x1();
        Area collapsed = Shapes.scaleAbout(
                lung.area(), between(random, 0.72, 0.84), medialX, lung.hilum().getY());
        boolean apical = random.nextDouble() < 0.6;
        Area extent = apical
                ? anatomy.zoneArea(side, Zone.UPPER)
                : Shapes.intersect(lung.area(), Shapes.band(lungBox.y1(), lungBox.y1() + 0.75 * lungBox.height()));
        double strip = medialX + side.imageSign() * 0.025;
        Rectangle2D notMedial = Shapes.rect(strip, -1, strip + side.imageSign() * 2, 2);
        extent.intersect(new Area(notMedial));
        Area air = new Area(extent);
        air.subtract(collapsed);
        Area line = Shapes.intersect(Shapes.stroke(collapsed, 0.004, anatomy.sx(), anatomy.sy()), extent);
        AnatomyRegion region = apical ? AnatomyRegion.zone(side, Zone.UPPER) : AnatomyRegion.lung(side);
        Finding f = finding(Category.PNEUMOTHORAX, side, apical ? Zone.UPPER : null, region, air, List.of(), line);
        return f != null && f.box().width() >= 0.04 && f.box().height() >= 0.04 ? f : null;
    }

    private Finding cardiomegaly() {
        if (!anatomy.heartEnlarged()) {
            return null;
        }
        return new Finding(
                Category.CARDIOMEGALY,
                null,
                null,
                AnatomyRegion.CARDIAC_SILHOUETTE,
                anatomy.box(AnatomyRegion.CARDIAC_SILHOUETTE),
                anatomy.heart(),
                List.of(),
                null);
    }

    /** A finding whose box is the bounds of {@code area} cut to the region's box; null when nothing is left. */
    private Finding finding(
            Category category, Side side, Zone zone, AnatomyRegion region, Area area, List<Shape> parts, Area line) {
        Box bounds = Shapes.bounds(area);
        Box box = bounds == null ? null : bounds.intersection(anatomy.box(region));
        if (box == null || box.isEmpty()) {
            return null;
        }
        return new Finding(category, side, zone, region, box, area, parts, line);
    }

    /** An ellipse with radii (rx, ry) whose bounding rectangle lies inside {@code area}, or null. */
    private Ellipse2D inside(Area area, double rx, double ry) {
        Box b = Shapes.bounds(area);
        if (b == null || b.width() <= 2 * rx || b.height() <= 2 * ry) {
            return null;
        }
        for (int i = 0; i < ATTEMPTS; i++) {
            double cx = between(random, b.x1() + rx, b.x2() - rx), cy = between(random, b.y1() + ry, b.y2() - ry);
            Ellipse2D e = new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
            if (area.contains(e.getBounds2D())) {
                return e;
            }
        }
        return null;
    }
}

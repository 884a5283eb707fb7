package org.ground4j.core.synth;

import static org.ground4j.core.synth.AnatomyRegion.ABDOMEN;
import static org.ground4j.core.synth.AnatomyRegion.AORTIC_ARCH;
import static org.ground4j.core.synth.AnatomyRegion.CARDIAC_SILHOUETTE;
import static org.ground4j.core.synth.AnatomyRegion.CARINA;
import static org.ground4j.core.synth.AnatomyRegion.CAVOATRIAL_JUNCTION;
import static org.ground4j.core.synth.AnatomyRegion.MEDIASTINUM;
import static org.ground4j.core.synth.AnatomyRegion.RIGHT_ATRIUM;
import static org.ground4j.core.synth.AnatomyRegion.SPINE;
import static org.ground4j.core.synth.AnatomyRegion.SVC;
import static org.ground4j.core.synth.AnatomyRegion.TRACHEA;
import static org.ground4j.core.synth.AnatomyRegion.UPPER_MEDIASTINUM;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ground4j.core.geometry.Box;

/**
 * Draws the anatomy of one phantom with jitter: body outline, two lungs, heart, mediastinum with aortic knob,
 * diaphragm domes, airway, spine, ribs and clavicles, and derives the box of every Chest ImaGenome region
 * from the drawn shapes. Lungs are built in "distance from the midline" coordinates and mirrored, so the
 * patient's right lung lands on the image's left.
 */
final class AnatomySampler {

    /** Drawn width of a clavicle, as a fraction of the image's longer side. */
    static final double CLAVICLE_WIDTH = 0.024;

    private AnatomySampler() {}

    /**
     * @param aspect        image width / height
     * @param enlargedHeart draw a cardiothoracic ratio of 0.56-0.64 instead of 0.40-0.47
     */
    static Anatomy sample(Random r, double aspect, boolean enlargedHeart) {
        double sx = Math.max(1, 1 / aspect), sy = Math.max(1, aspect);
        double cx = 0.5 + between(r, -0.03, 0.03);
        double t = between(r, 0.31, 0.36);
        double apex = between(r, 0.07, 0.12);
        double m = between(r, 0.045, 0.058);
        double baseR = between(r, 0.74, 0.80);
        double baseL = baseR + between(r, 0.0, 0.03);
        double domeR = baseR - between(r, 0.05, 0.08);
        double domeL = baseL - between(r, 0.045, 0.075);

        double ctr = enlargedHeart ? between(r, 0.56, 0.64) : between(r, 0.40, 0.47);
        double hw = ctr * 2 * t;
        double xL = cx - between(r, 0.30, 0.36) * hw;
        double xR = xL + hw;
        double hTop = apex + between(r, 0.44, 0.50) * (baseR - apex);
        double hBottom = Math.max(domeR, domeL) + 0.06;
        Area heart = new Area(Outlines.heartPath(cx, xL, xR, hTop, hBottom));

        double carinaY = apex + between(r, 0.28, 0.33) * (baseR - apex);
        double rk = between(r, 0.022, 0.03);
        double knobX = cx + m - 0.004, knobY = carinaY - between(r, 0.03, 0.05);
        Area mediastinum = new Area(Shapes.rect(cx - m, -0.1, cx + m, hTop + 0.04));
        mediastinum.add(new Area(new Ellipse2D.Double(knobX - rk, knobY - rk, 2 * rk, 2 * rk)));

        Area carved = new Area(heart);
        carved.add(mediastinum);
        Map<Side, Lung> lungs = new EnumMap<>(Side.class);
        double bw = t + between(r, 0.07, 0.10);
        Area below = new Area();
        for (Side s : Side.values()) {
            double top = apex + between(r, -0.01, 0.01);
            double base = s == Side.RIGHT ? baseR : baseL;
            double dome = s == Side.RIGHT ? domeR : domeL;
            double ts = t * between(r, 0.97, 1.03);
            AffineTransform mirror = new AffineTransform(s.imageSign(), 0, 0, 1, cx, 0);
            Area lung = new Area(mirror.createTransformedShape(Outlines.lungPath(ts, m, top, base, dome)));
            lung.subtract(carved);
            double height = base - top;
            lungs.put(
                    s,
                    new Lung(
                            s,
                            lung,
                            new Point2D.Double(cx + s.imageSign() * (m + 0.04), top + 0.45 * height),
                            top,
                            base,
                            dome));
            below.add(new Area(mirror.createTransformedShape(Outlines.belowDome(ts, bw, base, dome))));
        }
        Path2D bodyOutline = Outlines.bodyPath(between(r, 0.065, 0.085), bw, apex - between(r, 0.01, 0.04));
        Area body = new Area(AffineTransform.getTranslateInstance(cx, 0).createTransformedShape(bodyOutline));
        below.intersect(body);

        Path2D trachea = new Path2D.Double();
        trachea.moveTo(cx, -0.05);
        trachea.lineTo(cx, carinaY);
        double tw = between(r, 0.03, 0.038);
        Area tracheaArea = Shapes.stroke(trachea, tw, sx, sy);
        Area airway = new Area(tracheaArea);
        for (Side s : Side.values()) {
            Path2D bronchus = new Path2D.Double();
            bronchus.moveTo(cx, carinaY);
            bronchus.lineTo(cx + s.imageSign() * 0.045, carinaY + 0.05);
            airway.add(Shapes.stroke(bronchus, tw * 0.7, sx, sy));
        }

        List<Shape> vertebrae = new ArrayList<>();
        double step = between(r, 0.05, 0.058), vw = 0.03;
        double spineTop = apex - 0.09, spineBottom = Math.max(baseR, baseL) + 0.1;
        for (double y = spineTop; y < spineBottom; y += step) {
            vertebrae.add(new RoundRectangle2D.Double(cx - vw, y, 2 * vw, step * 0.78, 0.012, 0.012));
        }
        List<Shape> posterior = new ArrayList<>(), anterior = new ArrayList<>(), clavicles = new ArrayList<>();
        for (Side s : Side.values()) {
            Lung lung = lungs.get(s);
            AffineTransform mirror = new AffineTransform(s.imageSign(), 0, 0, 1, cx, 0);
            double spacing = (lung.baseY() - lung.apexY() + 0.03) / 9.3;
            for (int k = 0; k < 10; k++) {
                double y = lung.apexY() - 0.02 + k * spacing + between(r, -0.004, 0.004);
                Path2D rib = new Path2D.Double();
                rib.moveTo(0.03, y);
                rib.quadTo(0.55 * t, y - 0.035, t + 0.025, y + 0.035);
                rib.quadTo(t + 0.05, y + 0.08, t + 0.012, y + 0.12);
                posterior.add(mirror.createTransformedShape(rib));
                if (k < 7) {
                    Path2D front = new Path2D.Double();
                    front.moveTo(t + 0.012, y + 0.12);
                    front.quadTo(0.6 * t, y + 0.14, 0.22 * t, y + 0.2);
                    anterior.add(mirror.createTransformedShape(front));
                }
            }
            Path2D clavicle = new Path2D.Double();
            double cy = apex + between(r, 0.03, 0.05);
            clavicle.moveTo(0.035, cy);
            clavicle.quadTo(0.45 * t, cy + between(r, 0.025, 0.045), t + 0.06, cy - between(r, 0.04, 0.07));
            clavicles.add(mirror.createTransformedShape(clavicle));
        }
        Shape bubble =
                r.nextDouble() < 0.7 ? new Ellipse2D.Double(cx + 0.55 * t - 0.05, domeL + 0.035, 0.1, 0.05) : null;

        Map<AnatomyRegion, Box> boxes = new EnumMap<>(AnatomyRegion.class);
        for (Side s : Side.values()) {
            lungRegions(boxes, lungs.get(s), cx, m);
            boxes.put(
                    AnatomyRegion.clavicle(s),
                    Shapes.bounds(Shapes.stroke(clavicles.get(s.ordinal()), CLAVICLE_WIDTH, sx, sy)));
        }
        Box cardiac = Shapes.bounds(heart);
        cardiac = new Box(cardiac.x1(), cardiac.y1(), cardiac.x2(), Math.min(cardiac.y2(), domeL + 0.03));
        double hh = cardiac.height();
        boxes.put(CARDIAC_SILHOUETTE, cardiac);
        boxes.put(
                RIGHT_ATRIUM, new Box(cardiac.x1(), cardiac.y1() + 0.25 * hh, cardiac.x1() + 0.32 * hw, cardiac.y2()));
        boxes.put(CAVOATRIAL_JUNCTION, new Box(cardiac.x1() - 0.01, hTop - 0.01, cardiac.x1() + 0.035, hTop + 0.06));
        Box upper = new Box(cx - m - 0.012, apex - 0.04, knobX + rk + 0.006, hTop);
        boxes.put(UPPER_MEDIASTINUM, upper);
        boxes.put(MEDIASTINUM, upper.enclosing(cardiac));
        boxes.put(AORTIC_ARCH, new Box(cx - 0.01, knobY - rk - 0.01, knobX + rk, knobY + rk));
        boxes.put(SVC, new Box(cx - m - 0.008, apex + 0.02, cx - 0.01, hTop + 0.02));
        Box tracheaBox = Shapes.bounds(tracheaArea);
        boxes.put(TRACHEA, new Box(tracheaBox.x1(), apex - 0.07, tracheaBox.x2(), carinaY));
        boxes.put(CARINA, new Box(cx - 0.03, carinaY - 0.02, cx + 0.03, carinaY + 0.035));
        boxes.put(SPINE, new Box(cx - vw - 0.005, spineTop + 0.01, cx + vw + 0.005, spineBottom - 0.04));
        Box rl = boxes.get(AnatomyRegion.RIGHT_LUNG), ll = boxes.get(AnatomyRegion.LEFT_LUNG);
        boxes.put(ABDOMEN, new Box(rl.x1(), Math.min(domeR, domeL), ll.x2(), 1.0));
        nestInParents(boxes);

        return new Anatomy(
                aspect,
                cx,
                body,
                lungs,
                heart,
                mediastinum,
                below,
                airway,
                vertebrae,
                posterior,
                anterior,
                clavicles,
                bubble,
                enlargedHeart,
                boxes);
    }

    /** Lung, zones, apical zone, costophrenic angle, hilum and hemidiaphragm of one side. */
    private static void lungRegions(Map<AnatomyRegion, Box> boxes, Lung lung, double cx, double m) {
        Side s = lung.side();
        Box box = Shapes.bounds(lung.area());
        double h = box.height(), w = box.width();
        boxes.put(AnatomyRegion.lung(s), box);
        for (Zone z : Zone.values()) {
            boxes.put(
                    AnatomyRegion.zone(s, z),
                    Shapes.bounds(Shapes.intersect(
                            lung.area(), Shapes.band(box.y1() + z.top() * h, box.y1() + z.bottom() * h))));
        }
        boxes.put(
                AnatomyRegion.apicalZone(s),
                Shapes.bounds(Shapes.intersect(lung.area(), Shapes.band(box.y1(), box.y1() + 0.2 * h))));
        double lateral = s.onImageLeft() ? box.x1() : box.x2();
        double inner = lateral - s.imageSign() * 0.35 * w;
        boxes.put(
                AnatomyRegion.costophrenicAngle(s),
                Shapes.bounds(
                        Shapes.intersect(lung.area(), Shapes.rect(lateral, box.y2() - 0.17 * h, inner, box.y2()))));
        boxes.put(
                AnatomyRegion.hilum(s),
                box(
                        cx + s.imageSign() * (m - 0.005),
                        lung.apexY() + 0.33 * h,
                        cx + s.imageSign() * (m + 0.1),
                        lung.apexY() + 0.56 * h));
        boxes.put(
                AnatomyRegion.hemidiaphragm(s),
                box(lateral, lung.domeY() - 0.015, cx + s.imageSign() * 0.02, lung.baseY() + 0.015));
    }

    /** Clamps every box to the image and cuts each one to its parent's box, parents first. */
    private static void nestInParents(Map<AnatomyRegion, Box> boxes) {
        boxes.replaceAll((region, b) -> b.clamp());
        for (AnatomyRegion region : AnatomyRegion.values()) {
            AnatomyRegion parent = region.parent();
            if (parent != null) {
                Box cut = boxes.get(region).intersection(boxes.get(parent));
                if (cut == null || cut.isEmpty()) {
                    throw new IllegalStateException("phantom region " + region + " " + boxes.get(region)
                            + " lies outside its parent " + parent + " " + boxes.get(parent));
                }
                boxes.put(region, cut);
            }
        }
    }

    private static Box box(double xa, double ya, double xb, double yb) {
        return new Box(Math.min(xa, xb), Math.min(ya, yb), Math.max(xa, xb), Math.max(ya, yb));
    }

    static double between(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}

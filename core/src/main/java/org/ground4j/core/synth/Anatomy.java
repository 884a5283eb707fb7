package org.ground4j.core.synth;

import java.awt.Shape;
import java.awt.geom.Area;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.geometry.Box;

/**
 * The drawn anatomy of one phantom and the box of every Chest ImaGenome region on it, all in normalised image
 * coordinates ({@code x} to the image's right, {@code y} down; the patient's right lung is on the image's left).
 * Built by {@link AnatomySampler}; the shapes are shared and must not be modified.
 *
 * @param aspect         image width / height
 * @param midlineX       x of the spine and trachea
 * @param body           soft-tissue outline of the trunk, neck and shoulders
 * @param lungs          the two lungs
 * @param heart          the cardiac silhouette
 * @param mediastinum    the upper mediastinum with the aortic knob (the heart is separate)
 * @param belowDiaphragm everything under the two diaphragm domes
 * @param airway         trachea and main bronchi
 * @param vertebrae      vertebral bodies, top to bottom
 * @param posteriorRibs  centre lines of the posterior ribs, both sides
 * @param anteriorRibs   centre lines of the fainter anterior ribs, both sides
 * @param clavicles      clavicle centre lines, right then left
 * @param gastricBubble  air in the stomach under the left dome, or {@code null}
 * @param heartEnlarged  whether the cardiothoracic ratio is that of cardiomegaly
 * @param regions        a box for each of the 29 ImaGenome regions, each inside its parent's box
 */
public record Anatomy(
        double aspect,
        double midlineX,
        Area body,
        Map<Side, Lung> lungs,
        Area heart,
        Area mediastinum,
        Area belowDiaphragm,
        Area airway,
        List<Shape> vertebrae,
        List<Shape> posteriorRibs,
        List<Shape> anteriorRibs,
        List<Shape> clavicles,
        Shape gastricBubble,
        boolean heartEnlarged,
        Map<AnatomyRegion, Box> regions) {

    public Anatomy {
        if (regions.size() != AnatomyRegion.values().length) {
            throw new IllegalArgumentException(
                    "anatomy needs a box for all " + AnatomyRegion.values().length + " regions, got " + regions.size());
        }
        // enum-ordered, so that iterating never depends on hash order
        regions = Collections.unmodifiableMap(new EnumMap<>(regions));
        lungs = Collections.unmodifiableMap(new EnumMap<>(lungs));
        vertebrae = List.copyOf(vertebrae);
        posteriorRibs = List.copyOf(posteriorRibs);
        anteriorRibs = List.copyOf(anteriorRibs);
        clavicles = List.copyOf(clavicles);
    }

    /** The box of a region. */
    public Box box(AnatomyRegion region) {
        return regions.get(region);
    }

    public Lung lung(Side side) {
        return lungs.get(side);
    }

    /** The lung's area within one of its zones (a new area). */
    public Area zoneArea(Side side, Zone zone) {
        Lung lung = lung(side);
        Box box = box(AnatomyRegion.lung(side));
        double h = box.height();
        return Shapes.intersect(lung.area(), Shapes.band(box.y1() + zone.top() * h, box.y1() + zone.bottom() * h));
    }

    /** Normalised x length of a length given as a fraction of the image's longer side. */
    public double sx() {
        return Math.max(1, 1 / aspect);
    }

    /** Normalised y length of a length given as a fraction of the image's longer side. */
    public double sy() {
        return Math.max(1, aspect);
    }
}

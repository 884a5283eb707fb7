package org.ground4j.core.synth;

import java.awt.Shape;
import java.awt.geom.Area;
import java.util.List;
import java.util.Objects;
import org.ground4j.core.geometry.Box;

/**
 * One abnormality drawn on a phantom, in normalised image coordinates. Built by {@link FindingPlacer}; the
 * shapes are shared and must not be modified.
 *
 * @param category the finding
 * @param side     the patient's side, or {@code null} for cardiomegaly
 * @param zone     the lung zone it lies in, or {@code null} when it spans more than one (a large pneumothorax,
 *                 cardiomegaly)
 * @param region   the most specific ImaGenome region whose box contains {@link #box()}
 * @param box      the finding's box: the bounds of {@code area}, cut to the region's box
 * @param area     what is drawn, already cut to the lung (or heart)
 * @param parts    the primitives the area was built from (blobs, bands), drawn with soft edges inside {@code area}
 * @param line     a thin structure drawn on top (pleural line, air bronchograms), or {@code null}
 */
public record Finding(
        Category category,
        Side side,
        Zone zone,
        AnatomyRegion region,
        Box box,
        Area area,
        List<Shape> parts,
        Area line) {

    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(area, "area");
        if (!category.isFinding()) {
            throw new IllegalArgumentException(category + " is not a finding");
        }
        if (box.isEmpty()) {
            throw new IllegalArgumentException(category + " finding has an empty box " + box);
        }
        parts = List.copyOf(parts);
    }

    /** A short English description for logs and overlays, e.g. "nodule, right upper lung zone". */
    public String describe() {
        return category.label() + ", " + region.label();
    }
}

package org.ground4j.core.synth;

import java.awt.geom.Area;
import java.awt.geom.Point2D;

/**
 * One lung of a phantom, in normalised image coordinates.
 *
 * @param side   the patient's side
 * @param area   the aerated lung (heart and mediastinum already carved out); must not be modified
 * @param hilum  the point the vessels spread from
 * @param apexY  top of the lung
 * @param baseY  the costophrenic angle, the lung's lowest point
 * @param domeY  top of the hemidiaphragm dome under this lung
 */
public record Lung(Side side, Area area, Point2D hilum, double apexY, double baseY, double domeY) {

    public Lung {
        if (!(apexY < domeY && domeY < baseY)) {
            throw new IllegalArgumentException(
                    "lung needs apex < dome < base, got " + apexY + ", " + domeY + ", " + baseY);
        }
    }

    /** Height from apex to costophrenic angle. */
    public double height() {
        return baseY - apexY;
    }
}

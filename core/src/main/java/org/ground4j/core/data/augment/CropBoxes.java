package org.ground4j.core.data.augment;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.geometry.Box;

/**
 * What a crop does to boxes: a box stays only if at least {@code minVisible} of its area lies inside the crop;
 * a kept box is clipped to the crop and re-normalised to it. A box without area (a line or a point) counts as
 * fully visible when it lies inside the crop and as invisible otherwise.
 */
public final class CropBoxes {

    private CropBoxes() {}

    /** Fraction of {@code box}'s area inside {@code crop} (both normalised to the same image), in [0,1]. */
    public static double visibleFraction(Box box, Box crop) {
        if (box.isEmpty()) {
            return crop.contains(box.x1(), box.y1()) && crop.contains(box.x2(), box.y2()) ? 1.0 : 0.0;
        }
        return box.intersectionArea(crop) / box.area();
    }

    /**
     * The boxes that survive the crop, in their order, in coordinates normalised to the crop.
     *
     * @param boxes      normalised to the original image
     * @param crop       the crop window normalised to the original image, with positive area
     * @param minVisible smallest visible fraction a box needs to stay
     */
    public static List<Box> crop(List<Box> boxes, Box crop, double minVisible) {
        List<Box> kept = new ArrayList<>(boxes.size());
        for (Box b : boxes) {
            if (visibleFraction(b, crop) >= minVisible) {
                kept.add(toCrop(b, crop));
            }
        }
        return kept;
    }

    /** A box clipped to the crop, in coordinates normalised to the crop. */
    static Box toCrop(Box b, Box crop) {
        double w = crop.width();
        double h = crop.height();
        return new Box(
                        (b.x1() - crop.x1()) / w,
                        (b.y1() - crop.y1()) / h,
                        (b.x2() - crop.x1()) / w,
                        (b.y2() - crop.y1()) / h)
                .clamp();
    }
}

package org.ground4j.train.loss;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ground4j.core.geometry.Box;

/**
 * Which cells of a {@code grid x grid} token map a set of boxes covers, for the dense auxiliary loss: a cell is
 * covered when its centre lies inside a box, or when a box's centre lies inside the cell (so that a nodule smaller
 * than a cell still marks the cell it sits in). Cells are numbered row-major, as the image tokens are.
 *
 * <pre>{@code
 * DenseTargets.cells(List.of(new Box(0.0, 0.0, 0.5, 0.5)), 4);   // [0, 1, 4, 5]
 * }</pre>
 */
public final class DenseTargets {

    private DenseTargets() {}

    /** @param boxes corners in the normalised frame of the (square) model input */
    public static SortedSet<Integer> cells(List<Box> boxes, int grid) {
        SortedSet<Integer> out = new TreeSet<>();
        for (Box b : boxes) {
            for (int r = 0; r < grid; r++) {
                double cy = (r + 0.5) / grid;
                for (int c = 0; c < grid; c++) {
                    double cx = (c + 0.5) / grid;
                    if (cx >= b.x1() && cx <= b.x2() && cy >= b.y1() && cy <= b.y2()) {
                        out.add(r * grid + c);
                    }
                }
            }
            int c = Math.min(grid - 1, Math.max(0, (int) Math.floor((b.x1() + b.x2()) / 2 * grid)));
            int r = Math.min(grid - 1, Math.max(0, (int) Math.floor((b.y1() + b.y2()) / 2 * grid)));
            out.add(r * grid + c);
        }
        return out;
    }
}

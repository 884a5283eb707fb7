package org.ground4j.core.synth;

import static org.ground4j.core.synth.AnatomySampler.between;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ground4j.core.geometry.Box;

/**
 * What makes a phantom lung look like lung rather than a dark hole: vessels branching from the hilum and a
 * smooth mottled texture. Their absence is what shows a pneumothorax.
 */
final class LungMarkings {

    private LungMarkings() {}

    /** Branching vessels from around the hilum, thick centrally and thinning towards the periphery. */
    static void vessels(DensityCanvas c, Random r, Lung lung, Area clip, double longSide) {
        Box box = Shapes.bounds(lung.area());
        Point2D hilum = lung.hilum();
        List<Shape> central = new ArrayList<>(), peripheral = new ArrayList<>(), branches = new ArrayList<>();
        int n = 18 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            Point2D target = pointIn(lung.area(), box, r);
            if (target == null) {
                continue;
            }
            double x0 = hilum.getX() + between(r, -0.025, 0.025), y0 = hilum.getY() + between(r, -0.04, 0.04);
            double mx = x0 + 0.45 * (target.getX() - x0) + between(r, -0.03, 0.03);
            double my = y0 + 0.45 * (target.getY() - y0) + between(r, -0.03, 0.03);
            Path2D trunk = new Path2D.Double();
            trunk.moveTo(x0, y0);
            trunk.quadTo(mx, my, target.getX(), target.getY());
            peripheral.add(trunk);
            Path2D inner = new Path2D.Double();
            inner.moveTo(x0, y0);
            inner.lineTo(mx, my);
            central.add(inner);
            Path2D branch = new Path2D.Double();
            branch.moveTo(mx, my);
            branch.quadTo(
                    mx + 0.4 * (target.getX() - mx) + between(r, -0.04, 0.04),
                    my + 0.4 * (target.getY() - my) + between(r, -0.04, 0.04),
                    mx + 0.7 * (target.getX() - mx) + between(r, -0.07, 0.07),
                    my + 0.7 * (target.getY() - my) + between(r, -0.07, 0.07));
            branches.add(branch);
        }
        c.stroke(central, 0.006 * longSide, clip, 0.06);
        c.stroke(peripheral, 0.003 * longSide, clip, 0.06);
        c.stroke(branches, 0.0025 * longSide, clip, 0.05);
    }

    private static Point2D pointIn(Area area, Box box, Random r) {
        for (int i = 0; i < 50; i++) {
            double x = between(r, box.x1(), box.x2()), y = between(r, box.y1(), box.y2());
            if (area.contains(x, y)) {
                return new Point2D.Double(x, y);
            }
        }
        return null;
    }

    /** Smooth mottling of the lung parenchyma: two octaves of bilinear value noise, amplitude about 0.05. */
    static DensityCanvas.Field texture(Random r, int w, int h) {
        float[][] coarse = grid(r, 9), fine = grid(r, 23);
        return (x, y) -> {
            double u = x / (double) w, v = y / (double) h;
            return (float) (0.05 * sample(coarse, u, v) + 0.03 * sample(fine, u, v));
        };
    }

    private static float[][] grid(Random r, int n) {
        float[][] g = new float[n + 1][n + 1];
        for (float[] row : g) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return g;
    }

    private static double sample(float[][] g, double u, double v) {
        int n = g.length - 1;
        double gx = u * n, gy = v * n;
        int x0 = Math.min((int) gx, n - 1), y0 = Math.min((int) gy, n - 1);
        double fx = gx - x0, fy = gy - y0;
        double top = g[y0][x0] * (1 - fx) + g[y0][x0 + 1] * fx;
        double bottom = g[y0 + 1][x0] * (1 - fx) + g[y0 + 1][x0 + 1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}

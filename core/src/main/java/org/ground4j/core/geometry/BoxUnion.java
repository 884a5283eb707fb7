package org.ground4j.core.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Exact areas of unions of boxes, for mask IoU (DESIGN.md section 5): no rasterisation. A sweep over the
 * distinct x edges; inside each vertical slab the covering boxes' y intervals are merged.
 * O(n^2 log n) for n boxes, which is nothing at the sizes grounding produces.
 *
 * <pre>{@code
 * double a = BoxUnion.area(List.of(new Box(0, 0, 0.5, 0.5), new Box(0.25, 0.25, 0.75, 0.75)));  // 0.4375
 * double m = BoxUnion.iou(predicted, gold);   // mask IoU of two sets of boxes
 * }</pre>
 */
public final class BoxUnion {

    private BoxUnion() {}

    /** Area of the union of the boxes (0 for none). */
    public static double area(Collection<Box> boxes) {
        return intersectionArea(boxes, null);
    }

    /** Area of {@code union(a) ∩ union(b)}. */
    public static double intersectionArea(Collection<Box> a, Collection<Box> b) {
        return sweep(a, b);
    }

    /** Area of {@code union(a) ∪ union(b)}. */
    public static double unionArea(Collection<Box> a, Collection<Box> b) {
        List<Box> all = new ArrayList<>(a);
        all.addAll(b);
        return area(all);
    }

    /** Mask IoU: {@code |∪a ∩ ∪b| / |∪a ∪ ∪b|}; 0 when both unions have no area. */
    public static double iou(Collection<Box> a, Collection<Box> b) {
        double union = unionArea(a, b);
        return union > 0 ? intersectionArea(a, b) / union : 0.0;
    }

    /** With {@code b == null}: area of ∪a; otherwise area of ∪a ∩ ∪b. */
    private static double sweep(Collection<Box> a, Collection<Box> b) {
        if (a.isEmpty() || (b != null && b.isEmpty())) {
            return 0.0;
        }
        double[] xs = edges(a, b);
        double total = 0.0;
        for (int i = 0; i + 1 < xs.length; i++) {
            double lo = xs[i], hi = xs[i + 1];
            if (hi <= lo) {
                continue;
            }
            double mid = (lo + hi) / 2;
            double[][] ya = mergedIntervals(a, mid);
            double covered = b == null ? length(ya) : overlapLength(ya, mergedIntervals(b, mid));
            total += covered * (hi - lo);
        }
        return total;
    }

    private static double[] edges(Collection<Box> a, Collection<Box> b) {
        double[] xs = new double[2 * (a.size() + (b == null ? 0 : b.size()))];
        int k = 0;
        for (Box box : a) {
            xs[k++] = box.x1();
            xs[k++] = box.x2();
        }
        if (b != null) {
            for (Box box : b) {
                xs[k++] = box.x1();
                xs[k++] = box.x2();
            }
        }
        Arrays.sort(xs);
        return xs;
    }

    /** Disjoint, sorted y intervals covered by the boxes spanning the vertical line x. */
    private static double[][] mergedIntervals(Collection<Box> boxes, double x) {
        List<double[]> spans = new ArrayList<>();
        for (Box box : boxes) {
            if (box.x1() < x && x < box.x2() && box.y2() > box.y1()) {
                spans.add(new double[] {box.y1(), box.y2()});
            }
        }
        spans.sort((p, q) -> Double.compare(p[0], q[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] s : spans) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(new double[] {s[0], s[1]});
            }
        }
        return merged.toArray(new double[0][]);
    }

    private static double length(double[][] intervals) {
        double sum = 0;
        for (double[] iv : intervals) {
            sum += iv[1] - iv[0];
        }
        return sum;
    }

    /** Total length of the overlap of two sorted lists of disjoint intervals. */
    private static double overlapLength(double[][] p, double[][] q) {
        double sum = 0;
        int i = 0, j = 0;
        while (i < p.length && j < q.length) {
            double lo = Math.max(p[i][0], q[j][0]);
            double hi = Math.min(p[i][1], q[j][1]);
            if (hi > lo) {
                sum += hi - lo;
            }
            if (p[i][1] < q[j][1]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }
}

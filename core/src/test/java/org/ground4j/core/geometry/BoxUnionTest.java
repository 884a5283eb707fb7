package org.ground4j.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class BoxUnionTest {

    static Gen<List<Box>> boxLists(int max) {
        return SourceDSL.lists().of(BoxTest.boxes()).ofSizeBetween(0, max);
    }

    @Test
    void handComputedUnions() {
        Box a = new Box(0, 0, 0.5, 0.5);
        Box b = new Box(0.25, 0.25, 0.75, 0.75);
        assertThat(BoxUnion.area(List.of(a, b))).isCloseTo(0.25 + 0.25 - 0.0625, within(1e-15));
        assertThat(BoxUnion.area(List.of(a, a, a))).isCloseTo(0.25, within(1e-15));
        assertThat(BoxUnion.area(List.of())).isZero();
        // a plus-shaped pair: two 0.6 x 0.2 bars crossing in a 0.2 x 0.2 square
        Box h = new Box(0.2, 0.4, 0.8, 0.6);
        Box v = new Box(0.4, 0.2, 0.6, 0.8);
        assertThat(BoxUnion.area(List.of(h, v))).isCloseTo(0.12 + 0.12 - 0.04, within(1e-15));
        // ∪{a} ∩ ∪{h, v}: a covers [0,0.5]^2; h∩a = [0.2,0.5]x[0.4,0.5] (0.03), v∩a = [0.4,0.5]x[0.2,0.5] (0.03),
        // their overlap [0.4,0.5]x[0.4,0.5] (0.01) -> 0.05
        assertThat(BoxUnion.intersectionArea(List.of(a), List.of(h, v))).isCloseTo(0.05, within(1e-15));
        assertThat(BoxUnion.iou(List.of(a), List.of(a))).isEqualTo(1.0);
        assertThat(BoxUnion.iou(List.of(), List.of(a))).isZero();
        assertThat(BoxUnion.iou(List.of(), List.of())).isZero();
    }

    @Test
    void unionAreaLiesBetweenLargestBoxAndSumOfAreas() {
        qt().withFixedSeed(5).forAll(boxLists(8)).check(list -> {
            double u = BoxUnion.area(list);
            double max = list.stream().mapToDouble(Box::area).max().orElse(0);
            double sum = list.stream().mapToDouble(Box::area).sum();
            return u >= max - 1e-12 && u <= sum + 1e-12;
        });
    }

    @Test
    void inclusionExclusionHoldsForTwoSets() {
        qt().withFixedSeed(6).forAll(boxLists(5), boxLists(5)).check((p, g) -> {
            double lhs = BoxUnion.unionArea(p, g);
            double rhs = BoxUnion.area(p) + BoxUnion.area(g) - BoxUnion.intersectionArea(p, g);
            return Math.abs(lhs - rhs) < 1e-12;
        });
    }

    @Test
    void twoBoxesAgreeWithPairwiseIou() {
        qt().withFixedSeed(7)
                .forAll(BoxTest.boxes(), BoxTest.boxes())
                .check((a, b) ->
                        Math.abs(BoxUnion.intersectionArea(List.of(a), List.of(b)) - a.intersectionArea(b)) < 1e-15);
    }

    @Test
    void matchesARasterisedEstimate() {
        int n = 1000;
        qt().withFixedSeed(8).withExamples(20).forAll(boxLists(4), boxLists(4)).checkAssert((p, g) -> {
            long inter = 0, either = 0;
            for (int iy = 0; iy < n; iy++) {
                double y = (iy + 0.5) / n;
                for (int ix = 0; ix < n; ix++) {
                    double x = (ix + 0.5) / n;
                    boolean inP = inside(p, x, y), inG = inside(g, x, y);
                    inter += inP && inG ? 1 : 0;
                    either += inP || inG ? 1 : 0;
                }
            }
            double px = 1.0 / ((double) n * n);
            assertThat(BoxUnion.intersectionArea(p, g)).isCloseTo(inter * px, within(5e-3));
            assertThat(BoxUnion.unionArea(p, g)).isCloseTo(either * px, within(5e-3));
        });
    }

    private static boolean inside(List<Box> boxes, double x, double y) {
        for (Box b : boxes) {
            if (x > b.x1() && x < b.x2() && y > b.y1() && y < b.y2()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void unionDoesNotDependOnOrder() {
        qt().withFixedSeed(9).forAll(boxLists(6)).check(list -> {
            List<Box> rev = new ArrayList<>(list);
            java.util.Collections.reverse(rev);
            return Math.abs(BoxUnion.area(list) - BoxUnion.area(rev)) < 1e-12;
        });
    }
}

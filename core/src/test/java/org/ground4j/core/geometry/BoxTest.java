package org.ground4j.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class BoxTest {

    /** Random boxes in [0,1], degenerate ones included (about 1 in 10 collapses an axis). */
    static Gen<Box> boxes() {
        Gen<Double> u = SourceDSL.doubles().between(0, 1);
        return u.zip(u, u, u, (a, b, c, d) -> new Box(Math.min(a, b), Math.min(c, d), Math.max(a, b), Math.max(c, d)));
    }

    @Test
    void rejectsInvertedAndNonFiniteCornersNamingTheValues() {
        assertThatThrownBy(() -> new Box(0.5, 0.1, 0.4, 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5")
                .hasMessageContaining("0.4");
        assertThatThrownBy(() -> new Box(0.1, 0.3, 0.4, 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Box(Double.NaN, 0, 1, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Box(0, 0, Double.POSITIVE_INFINITY, 1)).hasMessageContaining("finite");
        assertThat(new Box(0.3, 0.3, 0.3, 0.7).area()).isZero(); // zero-area boxes are legal
    }

    @Test
    void handComputedIouAndGiou() {
        Box a = new Box(0, 0, 2, 2);
        Box b = new Box(1, 1, 3, 3);
        // intersection 1, union 4 + 4 - 1 = 7, enclosing 9
        assertThat(a.iou(b)).isCloseTo(1.0 / 7, within(1e-15));
        assertThat(a.giou(b)).isCloseTo(1.0 / 7 - (9 - 7) / 9.0, within(1e-15));
        Box far = new Box(4, 0, 5, 1);
        // disjoint: iou 0, enclosing [0,0,5,2] = 10, union 5 -> giou = -0.5
        assertThat(a.iou(far)).isZero();
        assertThat(a.giou(far)).isCloseTo(-0.5, within(1e-15));
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.giou(a)).isEqualTo(1.0);
    }

    @Test
    void cxcywhRoundTripAndHandCase() {
        Box b = Box.fromCxCyWh(0.5, 0.4, 0.2, 0.6);
        assertThat(b.x1()).isCloseTo(0.4, within(1e-15));
        assertThat(b.y1()).isCloseTo(0.1, within(1e-15));
        assertThat(b.x2()).isCloseTo(0.6, within(1e-15));
        assertThat(b.y2()).isCloseTo(0.7, within(1e-15));
        qt().withFixedSeed(11).forAll(boxes()).checkAssert(box -> {
            double[] c = box.toCxCyWh();
            Box back = Box.fromCxCyWh(c[0], c[1], c[2], c[3]);
            assertThat(back.x1()).isCloseTo(box.x1(), within(1e-12));
            assertThat(back.y2()).isCloseTo(box.y2(), within(1e-12));
        });
    }

    @Test
    void iouIsSymmetricAndInUnitInterval() {
        qt().withFixedSeed(1).forAll(boxes(), boxes()).check((a, b) -> {
            double i = a.iou(b);
            return i >= 0 && i <= 1 && Math.abs(i - b.iou(a)) < 1e-15;
        });
    }

    @Test
    void giouIsInMinusOneOneAndAtMostIou() {
        qt().withFixedSeed(2).forAll(boxes(), boxes()).check((a, b) -> {
            double g = a.giou(b);
            return g >= -1 - 1e-12 && g <= 1 + 1e-12 && g <= a.iou(b) + 1e-12 && Math.abs(g - b.giou(a)) < 1e-12;
        });
    }

    @Test
    void centreInsideIsBorderInclusive() {
        Box g = new Box(0.2, 0.2, 0.6, 0.6);
        assertThat(new Box(0.5, 0.5, 0.7, 0.7).centreInside(g)).isTrue(); // centre (0.6, 0.6) on the corner
        assertThat(new Box(0.5, 0.5, 0.71, 0.7).centreInside(g)).isFalse(); // centre x 0.605
        assertThat(new Box(0.0, 0.0, 0.4, 0.4).centreInside(g)).isTrue(); // centre (0.2, 0.2)
    }

    @Test
    void clampKeepsBoxesInsideTheUnitSquare() {
        assertThat(new Box(-0.2, 0.5, 1.3, 0.9).clamp()).isEqualTo(new Box(0, 0.5, 1, 0.9));
        qt().withFixedSeed(3)
                .forAll(
                        SourceDSL.doubles().between(-2, 2),
                        SourceDSL.doubles().between(-2, 2),
                        SourceDSL.doubles().between(0, 3),
                        SourceDSL.doubles().between(0, 3))
                .check((x, y, w, h) -> new Box(x, y, x + w, y + h).clamp().isNormalised());
    }

    @Test
    void intersectionAreaMatchesIntersectionBox() {
        qt().withFixedSeed(4).forAll(boxes(), boxes()).check((a, b) -> {
            Box i = a.intersection(b);
            double area = i == null ? 0 : i.area();
            return Math.abs(area - a.intersectionArea(b)) < 1e-15;
        });
    }
}

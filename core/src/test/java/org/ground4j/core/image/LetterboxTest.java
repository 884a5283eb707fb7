package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LetterboxTest {

    private static final Gen<Box> BOXES = doubles()
            .between(0, 1)
            .zip(
                    doubles().between(0, 1),
                    doubles().between(0, 1),
                    doubles().between(0, 1),
                    (a, b, c, d) -> new Box(Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)));

    @Test
    void boxMappedToModelAndBackIsTheSameBoxWithin1e9() {
        qt().withFixedSeed(20240819L)
                .withExamples(2000)
                .forAll(
                        integers().between(1, 5000),
                        integers().between(1, 5000),
                        integers().between(16, 1024),
                        BOXES)
                .checkAssert((w, h, size, box) -> {
                    Letterbox lb = Letterbox.of(w, h, size);
                    Box back = lb.toOriginal(lb.toModel(box));
                    assertThat(back.x1()).isCloseTo(box.x1(), within(1e-9));
                    assertThat(back.y1()).isCloseTo(box.y1(), within(1e-9));
                    assertThat(back.x2()).isCloseTo(box.x2(), within(1e-9));
                    assertThat(back.y2()).isCloseTo(box.y2(), within(1e-9));
                });
    }

    @Test
    void modelBoxesOfImageBoxesStayInsideTheContent() {
        qt().withFixedSeed(7L)
                .withExamples(1000)
                .forAll(
                        integers().between(1, 4000),
                        integers().between(1, 4000),
                        integers().between(16, 1024),
                        BOXES)
                .checkAssert((w, h, size, box) -> {
                    Letterbox lb = Letterbox.of(w, h, size);
                    Box m = lb.toModel(box);
                    Box content = lb.contentBox();
                    assertThat(m.x2()).isLessThanOrEqualTo(content.x2() + 1e-12);
                    assertThat(m.y2()).isLessThanOrEqualTo(content.y2() + 1e-12);
                    assertThat(Math.max(lb.contentWidth(), lb.contentHeight())).isEqualTo(size);
                });
    }

    @Test
    void portraitImageIsPaddedOnTheRight() {
        Letterbox lb = Letterbox.of(2000, 2500, 640);
        assertThat(lb.contentWidth()).isEqualTo(512);
        assertThat(lb.contentHeight()).isEqualTo(640);
        assertThat(lb.scale()).isEqualTo(0.256);
        assertThat(lb.toModel(new Box(0, 0, 1, 1))).isEqualTo(new Box(0, 0, 0.8, 1));
    }

    @Test
    void landscapeImageIsPaddedAtTheBottomAndRoundsTheShorterSide() {
        Letterbox lb = Letterbox.of(3000, 1001, 640);
        assertThat(lb.contentWidth()).isEqualTo(640);
        assertThat(lb.contentHeight()).isEqualTo(214); // 1001 * 640 / 3000 = 213.55
        assertThat(lb.toModel(new Box(0, 0.5, 1, 1)).y1()).isEqualTo(0.5 * 214 / 640);
    }

    @Test
    void mappingUsesTheRoundedContentSizeNotTheNominalScale() {
        Letterbox lb = Letterbox.of(3000, 1001, 640);
        double nominal = 1001 * lb.scale() / 640;
        assertThat(lb.contentBox().y2()).isNotEqualTo(nominal).isEqualTo(214.0 / 640);
    }

    @Test
    void predictedBoxInThePaddingMapsBeyondTheImage() {
        Letterbox lb = Letterbox.of(1000, 2000, 640);
        Box original = lb.toOriginal(new Box(0.4, 0.1, 0.9, 0.2));
        assertThat(original.x2()).isGreaterThan(1);
    }

    @Test
    void tinyImagesKeepAtLeastOnePixel() {
        Letterbox lb = Letterbox.of(10_000, 1, 64);
        assertThat(lb.contentHeight()).isEqualTo(1);
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> Letterbox.of(0, 10, 640)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Letterbox(10, 10, 64, 65, 64)).isInstanceOf(IllegalArgumentException.class);
    }
}

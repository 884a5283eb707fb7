package org.ground4j.core.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.List;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class CropBoxesTest {

    private static final Gen<Box> BOXES = doubles()
            .between(0, 1)
            .zip(
                    doubles().between(0, 1),
                    doubles().between(0, 1),
                    doubles().between(0, 1),
                    (a, b, c, d) -> new Box(Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)));

    private static final Gen<Box> CROPS = BOXES.assuming(b -> b.width() > 0.05 && b.height() > 0.05);

    @Test
    void boxNinetyPercentInsideStaysAndEightyNineIsDropped() {
        Box crop = new Box(0, 0, 0.5, 1);
        Box ninety = new Box(0.05, 0.2, 0.55, 0.4); // 0.45 of 0.5 inside
        Box eightyNine = new Box(0.0555, 0.2, 0.5555, 0.4); // 0.4445 of 0.5 inside
        assertThat(CropBoxes.visibleFraction(ninety, crop)).isCloseTo(0.9, within(1e-12));
        assertThat(CropBoxes.crop(List.of(ninety, eightyNine), crop, 0.9)).hasSize(1);
    }

    @Test
    void keptBoxIsClippedAndRenormalisedToTheCrop() {
        Box crop = new Box(0.2, 0.2, 0.7, 0.6);
        List<Box> out = CropBoxes.crop(List.of(new Box(0.3, 0.3, 0.5, 0.4)), crop, 0.9);
        assertThat(out).hasSize(1);
        Box b = out.get(0);
        assertThat(b.x1()).isCloseTo(0.2, within(1e-12));
        assertThat(b.y1()).isCloseTo(0.25, within(1e-12));
        assertThat(b.x2()).isCloseTo(0.6, within(1e-12));
        assertThat(b.y2()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void degenerateBoxesCountAsVisibleOnlyInside() {
        Box crop = new Box(0.1, 0.1, 0.5, 0.5);
        assertThat(CropBoxes.visibleFraction(new Box(0.2, 0.2, 0.2, 0.4), crop)).isEqualTo(1.0);
        assertThat(CropBoxes.visibleFraction(new Box(0.6, 0.2, 0.6, 0.4), crop)).isEqualTo(0.0);
    }

    @Test
    void keptBoxesLieInTheCropAndMapBackToTheClippedOriginal() {
        qt().withFixedSeed(11L).withExamples(2000).forAll(BOXES, CROPS).checkAssert((box, crop) -> {
            List<Box> out = CropBoxes.crop(List.of(box), crop, 0.9);
            double visible = CropBoxes.visibleFraction(box, crop);
            assertThat(out.size()).isEqualTo(visible >= 0.9 ? 1 : 0);
            if (!out.isEmpty()) {
                Box b = out.get(0);
                assertThat(b.isNormalised()).isTrue();
                Box clipped = box.intersection(crop);
                assertThat(crop.x1() + b.x1() * crop.width()).isCloseTo(clipped.x1(), within(1e-9));
                assertThat(crop.y2() - (1 - b.y2()) * crop.height()).isCloseTo(clipped.y2(), within(1e-9));
            }
        });
    }
}

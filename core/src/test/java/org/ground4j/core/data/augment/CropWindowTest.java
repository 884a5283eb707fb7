package org.ground4j.core.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.ground4j.core.image.UnitImage;
import org.junit.jupiter.api.Test;

class CropWindowTest {

    @Test
    void randomWindowsFitTheImageAndRespectTheMinimumSide() {
        qt().withFixedSeed(3L)
                .withExamples(2000)
                .forAll(
                        integers().between(1, 3000),
                        integers().between(1, 3000),
                        doubles().between(0.05, 1.0),
                        longs().all())
                .checkAssert((w, h, min, seed) -> {
                    CropWindow c = CropWindow.random(w, h, min, new Random(seed));
                    assertThat(c.x() + c.width()).isLessThanOrEqualTo(w);
                    assertThat(c.y() + c.height()).isLessThanOrEqualTo(h);
                    assertThat(c.width()).isGreaterThanOrEqualTo((int) Math.min(w, Math.ceil(min * w)));
                    assertThat(c.height()).isGreaterThanOrEqualTo((int) Math.min(h, Math.ceil(min * h)));
                });
    }

    @Test
    void cutCopiesTheWindowPixels() {
        float[] px = new float[4 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / 100f;
        }
        UnitImage img = new UnitImage(4, 3, 3, px);
        UnitImage cut = new CropWindow(1, 1, 2, 2).cut(img);
        assertThat(cut.width()).isEqualTo(2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(cut.get(x, y, c)).isEqualTo(img.get(x + 1, y + 1, c));
                }
            }
        }
    }

    @Test
    void normalisedWindowUsesPixelEdges() {
        assertThat(new CropWindow(10, 0, 30, 50).normalisedIn(100, 50))
                .isEqualTo(new org.ground4j.core.geometry.Box(0.1, 0, 0.4, 1));
    }
}

package org.ground4j.core.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ground4j.core.image.UnitImage;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

    private static UnitImage grey(float v, int n) {
        float[] px = new float[n * n];
        Arrays.fill(px, v);
        return new UnitImage(n, n, 1, px);
    }

    @Test
    void noiseHasTheConfiguredSpreadAndNoBias() {
        UnitImage noisy = GaussianNoise.apply(grey(0.5f, 200), 0.05, new Random(1));
        double sum = 0;
        double sq = 0;
        for (float v : noisy.pixels()) {
            sum += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        int n = noisy.pixels().length;
        assertThat(sum / n).isCloseTo(0, within(0.002));
        assertThat(Math.sqrt(sq / n)).isCloseTo(0.05, within(0.002));
    }

    @Test
    void valuesStayInTheUnitRange() {
        UnitImage noisy = GaussianNoise.apply(grey(0.99f, 50), 0.2, new Random(2));
        for (float v : noisy.pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(noisy.pixels()).contains(1f);
    }

    @Test
    void sameNoiseOnEveryChannelOfAPixel() {
        float[] px = new float[10 * 10 * 3];
        Arrays.fill(px, 0.5f);
        UnitImage noisy = GaussianNoise.apply(new UnitImage(10, 10, 3, px), 0.1, new Random(3));
        assertThat(noisy.get(4, 4, 0)).isEqualTo(noisy.get(4, 4, 2)).isNotEqualTo(0.5f);
    }

    @Test
    void zeroSigmaLeavesTheImageAlone() {
        UnitImage img = grey(0.3f, 4);
        assertThat(GaussianNoise.apply(img, 0, new Random(4))).isSameAs(img);
    }
}

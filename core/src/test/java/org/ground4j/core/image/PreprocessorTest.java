package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PreprocessorTest {

    private static UnitImage grey(int w, int h, float value) {
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, value);
        return new UnitImage(w, h, 1, px);
    }

    @Test
    void paddedPixelsHoldMinusMeanOverStdAndAreMasked() {
        ModelInput in = new Preprocessor(PreprocessConfig.DEFAULT.withSize(64)).apply(grey(50, 100, 0.5f));
        assertThat(in.letterbox().contentWidth()).isEqualTo(32);
        assertThat(in.letterbox().contentHeight()).isEqualTo(64);
        for (int c = 0; c < 3; c++) {
            float pad = (float) ((0 - PreprocessConfig.IMAGENET_MEAN[c]) / PreprocessConfig.IMAGENET_STD[c]);
            float inside = (float) ((0.5 - PreprocessConfig.IMAGENET_MEAN[c]) / PreprocessConfig.IMAGENET_STD[c]);
            assertThat(in.get(c, 10, 40)).isEqualTo(pad);
            assertThat(in.get(c, 63, 63)).isEqualTo(pad);
            assertThat(in.get(c, 10, 31)).isCloseTo(inside, within(1e-5f));
        }
        assertThat(in.padded(10, 31)).isFalse();
        assertThat(in.padded(10, 32)).isTrue();
        assertThat(in.padded(63, 0)).isFalse();
    }

    @Test
    void maskCountsExactlyThePaddedArea() {
        ModelInput in = new Preprocessor(PreprocessConfig.DEFAULT.withSize(40)).apply(grey(100, 30, 0.2f));
        int padded = 0;
        for (boolean b : in.mask()) {
            padded += b ? 1 : 0;
        }
        assertThat(in.letterbox().contentHeight()).isEqualTo(12);
        assertThat(padded).isEqualTo(40 * 40 - 40 * 12);
    }

    @Test
    void greyIsRepeatedToThreeChannelsBeforeNormalisation() {
        ModelInput in = new Preprocessor(PreprocessConfig.DEFAULT.withSize(8)).apply(grey(8, 8, 1f));
        for (int c = 0; c < 3; c++) {
            double expected = (1 - PreprocessConfig.IMAGENET_MEAN[c]) / PreprocessConfig.IMAGENET_STD[c];
            assertThat(in.get(c, 3, 3)).isCloseTo((float) expected, within(1e-6f));
        }
    }

    @Test
    void colourChannelsKeepTheirOrder() {
        float[] px = {0.1f, 0.5f, 0.9f};
        ModelInput in = new Preprocessor(new PreprocessConfig(1, new double[] {0, 0, 0}, new double[] {1, 1, 1}))
                .apply(new UnitImage(1, 1, 3, px));
        assertThat(in.pixels()).containsExactly(0.1f, 0.5f, 0.9f);
    }

    @Test
    void shrinkingAveragesAreas() {
        // 4x2 image: left half 0, right half 1 -> 2x1 content: exactly 0 and 1 with INTER_AREA
        float[] px = {0, 0, 1, 1, 0, 0, 1, 1};
        UnitImage small = Preprocessor.resized(new UnitImage(4, 2, 1, px), Letterbox.of(4, 2, 2));
        assertThat(small.pixels()).containsExactly(0f, 1f);
        float[] stripes = {0, 1, 0, 1, 0, 1, 0, 1};
        UnitImage avg = Preprocessor.resized(new UnitImage(4, 2, 1, stripes), Letterbox.of(4, 2, 2));
        assertThat(avg.pixels()).containsExactly(0.5f, 0.5f);
    }

    @Test
    void enlargingInterpolatesAndKeepsAspect() {
        float[] px = {0, 1};
        UnitImage big = Preprocessor.resized(new UnitImage(2, 1, 1, px), Letterbox.of(2, 1, 8));
        assertThat(big.width()).isEqualTo(8);
        assertThat(big.height()).isEqualTo(4);
        assertThat(big.get(0, 0, 0)).isEqualTo(0f);
        assertThat(big.get(7, 0, 0)).isEqualTo(1f);
        assertThat(big.get(3, 0, 0)).isStrictlyBetween(0f, 1f);
    }

    @Test
    void imageAlreadyAtSizeIsNotResampled() {
        float[] px = new float[16];
        for (int i = 0; i < 16; i++) {
            px[i] = i / 15f;
        }
        ModelInput in = new Preprocessor(new PreprocessConfig(4, new double[] {0, 0, 0}, new double[] {1, 1, 1}))
                .apply(new UnitImage(4, 4, 1, px));
        for (int i = 0; i < 16; i++) {
            assertThat(in.pixels()[i]).isEqualTo(px[i]);
            assertThat(in.pixels()[32 + i]).isEqualTo(px[i]);
        }
    }

    @Test
    void defaultInputIs640Square() {
        ModelInput in = new Preprocessor(PreprocessConfig.DEFAULT).apply(grey(1000, 800, 0.3f));
        assertThat(in.size()).isEqualTo(640);
        assertThat(in.pixels()).hasSize(3 * 640 * 640);
        assertThat(in.letterbox().contentHeight()).isEqualTo(512);
    }
}

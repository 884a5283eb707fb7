package org.ground4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentileWindowTest {

    /** 1000 values 1000..1999 plus a few extreme outliers. */
    private static short[] rampWithOutliers() {
        short[] s = new short[1004];
        for (int i = 0; i < 1000; i++) {
            s[i] = (short) (1000 + i);
        }
        s[1000] = 0;
        s[1001] = (short) 65535;
        s[1002] = (short) 65535;
        s[1003] = 0;
        return s;
    }

    @Test
    void outliersBeyondTheWindowDoNotDecideTheContrast() {
        float[] unit = PercentileWindow.DEFAULT.apply(rampWithOutliers());
        // the ramp's middle stays in the middle; with a min/max window it would sit near 0.02
        assertThat(unit[500]).isCloseTo(0.5f, within(0.02f));
        assertThat(unit[1001]).isEqualTo(1f);
        assertThat(unit[1000]).isEqualTo(0f);
    }

    @Test
    void valuesAreClippedToZeroAndOne() {
        float[] unit = PercentileWindow.DEFAULT.apply(rampWithOutliers());
        for (float v : unit) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(unit[0]).isEqualTo(0f);
        assertThat(unit[999]).isEqualTo(1f);
    }

    @Test
    void windowIgnoresAnIncreasingLinearRescale() {
        short[] a = rampWithOutliers();
        short[] b = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = (short) ((a[i] & 0xFFFF) / 2 + 100);
        }
        float[] ua = PercentileWindow.DEFAULT.apply(a);
        float[] ub = PercentileWindow.DEFAULT.apply(b);
        for (int i = 0; i < 1000; i += 37) {
            assertThat(ub[i]).isCloseTo(ua[i], within(0.002f));
        }
    }

    @Test
    void unsignedValuesAboveThirtyTwoThousandStayBright() {
        short[] s = {(short) 40000, (short) 50000, (short) 60000};
        float[] unit = new PercentileWindow(0, 100).apply(s);
        assertThat(unit).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void nearlyConstantImageFallsBackToMinMax() {
        short[] s = new short[1000];
        java.util.Arrays.fill(s, (short) 700);
        s[0] = 100;
        float[] unit = PercentileWindow.DEFAULT.apply(s);
        assertThat(unit[0]).isEqualTo(0f);
        assertThat(unit[1]).isEqualTo(1f);
    }

    @Test
    void constantImageIsBlack() {
        short[] s = new short[50];
        java.util.Arrays.fill(s, (short) 1234);
        assertThat(PercentileWindow.DEFAULT.apply(s)).containsOnly(0f);
    }

    @Test
    void rejectsAnInvertedWindow() {
        assertThatThrownBy(() -> new PercentileWindow(99, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PercentileWindow(-1, 50)).isInstanceOf(IllegalArgumentException.class);
    }
}

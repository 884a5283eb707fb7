package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {

    private static SweepPoint point(double t, int successes, int n) {
        Tally overall = new Tally();
        for (int i = 0; i < n; i++) {
            overall.add(new SampleOutcome(i < successes ? 0 : 1, 0, 0, 0, 0));
        }
        Figures f = overall.figures();
        return new SweepPoint(t, new GroupFigures(f, Figures.empty(), Figures.empty(), f));
    }

    @Test
    void thresholdsAreTheDecimalsFrom005To095() {
        double[] t = ThresholdSweep.thresholds();
        assertThat(t).hasSize(19);
        assertThat(t[0]).isEqualTo(0.05);
        assertThat(t[2]).isEqualTo(0.15);
        assertThat(t[15]).isEqualTo(0.8);
        assertThat(t[18]).isEqualTo(0.95);
    }

    @Test
    void bestIsTheLowestThresholdWithTheHighestOverallPAtF1() {
        ThresholdSweep sweep =
                new ThresholdSweep(List.of(point(0.1, 1, 4), point(0.2, 3, 4), point(0.3, 3, 4), point(0.4, 2, 4)));
        assertThat(sweep.best()).get().extracting(SweepPoint::threshold).isEqualTo(0.2);
        assertThat(ThresholdSweep.none().best()).isEmpty();
    }

    @Test
    void rejectsThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new ThresholdSweep(List.of(point(0.2, 1, 2), point(0.1, 1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.2 before 0.1");
    }
}

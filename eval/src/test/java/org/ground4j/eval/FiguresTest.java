package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void anEmptySetHasNoDefinedFigure() {
        Figures f = Figures.empty();
        assertThat(f.n()).isZero();
        assertThat(java.util.List.of(f.pAtF1(), f.nAcc(), f.chF1(), f.miou(), f.acc()))
                .allMatch(v -> v.isNaN());
    }

    @Test
    void rejectsInconsistentCountsAndFiguresOutOfRange() {
        assertThatThrownBy(() -> new Figures(3, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n = nNo + nBoxed");
        assertThatThrownBy(() -> new Figures(2, 1, 1, 1.5, 0.5, 0.5, 0.5, 0.5))
                .hasMessage("p_at_f1_1 over 2 samples must be in [0,1], got 1.5");
        assertThatThrownBy(() -> new Figures(1, 0, 1, 1, 0.5, 0.5, 0.5, 0.5))
                .hasMessage("n_acc over 0 samples must be NaN, got 0.5");
    }

    @Test
    void sampleOutcomeRejectsImpossibleMatchings() {
        assertThatThrownBy(() -> new SampleOutcome(1, 2, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new SampleOutcome(1, 1, 1, 1, 1.2)).hasMessageContaining("mask IoU");
    }
}

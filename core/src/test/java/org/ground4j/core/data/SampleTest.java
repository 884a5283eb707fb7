package org.ground4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void scoredBoxesRoundTripInTheirOrder() {
        Sample gold = Sample.gold("s1", "a.png", "Two nodules.", List.of(new Box(0, 0, 0.5, 0.5)));
        List<ScoredBox> scored =
                List.of(new ScoredBox(new Box(0.5, 0.5, 1, 1), 0.4), new ScoredBox(new Box(0, 0, 0.5, 0.5), 0.9));
        Sample pred = gold.withScoredBoxes(scored);
        assertThat(pred.boxes()).containsExactly(new Box(0.5, 0.5, 1, 1), new Box(0, 0, 0.5, 0.5));
        assertThat(pred.scores()).containsExactly(0.4, 0.9);
        assertThat(pred.id()).isEqualTo("s1");
        assertThat(pred.scoredBoxes()).isEqualTo(scored);
        assertThat(gold.withScoredBoxes(List.of()).scoredBoxes()).isEmpty();
    }

    @Test
    void aGoldSampleHasNoScoredBoxes() {
        Sample gold = Sample.gold("g7", "a.png", "Effusion.", List.of(new Box(0, 0, 0.5, 0.5)));
        assertThatThrownBy(gold::scoredBoxes)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("g7");
    }
}

package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.junit.jupiter.api.Test;

class PostProcessorTest {

    @Test
    void defaultsAreThePapers() {
        assertThat(PostProcessor.defaults()).isEqualTo(new PostProcessor(0.8, 0.1));
    }

    @Test
    void thresholdIsInclusiveAndAppliedBeforeFusion() {
        ScoredBox strong = new ScoredBox(new Box(0.1, 0.1, 0.3, 0.3), 0.9);
        ScoredBox atThreshold = new ScoredBox(new Box(0.12, 0.1, 0.32, 0.3), 0.8);
        ScoredBox weak = new ScoredBox(new Box(0.5, 0.5, 0.7, 0.7), 0.79);
        List<ScoredBox> out = PostProcessor.defaults().apply(List.of(weak, atThreshold, strong));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).score()).isCloseTo(0.85, within(1e-12));
        // a weak box that would have joined the cluster must not pull the fused box
        ScoredBox weakOverlap = new ScoredBox(new Box(0.2, 0.1, 0.4, 0.3), 0.5);
        assertThat(PostProcessor.defaults().apply(List.of(strong, weakOverlap))).containsExactly(strong);
        assertThat(PostProcessor.defaults().withThreshold(0.5).apply(List.of(strong, weakOverlap))).hasSize(1)
                .allSatisfy(b -> assertThat(b.score()).isCloseTo(0.7, within(1e-12)));
    }

    @Test
    void nothingAboveTheThresholdMeansNoBox() {
        assertThat(PostProcessor.defaults().apply(List.of(new ScoredBox(new Box(0, 0, 1, 1), 0.3)))).isEmpty();
    }

    @Test
    void rejectsThresholdsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new PostProcessor(1.2, 0.1)).hasMessageContaining("1.2");
        assertThatThrownBy(() -> new PostProcessor(0.5, -0.1)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new PostProcessor(Double.NaN, 0.1)).hasMessageContaining("NaN");
    }
}

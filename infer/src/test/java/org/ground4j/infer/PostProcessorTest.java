package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.junit.jupiter.api.Test;

class PostProcessorTest {

    @Test
    void defaultsAreThePapers() {
        assertThat(PostProcessor.defaults()).isEqualTo(new PostProcessor(0.8, 0.1));
        assertThat(PostProcessor.defaults().relativeThreshold()).isZero();
    }

    @Test
    void theRelativeThresholdActsOnTheFusedScores() {
        // a and b fuse to one box of score 0.8; c (0.7) is 0.875 of it: kept at 0.85, dropped at 0.9
        ScoredBox a = new ScoredBox(new Box(0.10, 0.10, 0.30, 0.30), 0.9);
        ScoredBox b = new ScoredBox(new Box(0.12, 0.10, 0.32, 0.30), 0.7);
        ScoredBox c = new ScoredBox(new Box(0.70, 0.70, 0.90, 0.90), 0.7);
        PostProcessor post = new PostProcessor(0.5, 0.1);
        assertThat(post.withRelativeThreshold(0.85).apply(List.of(a, b, c))).hasSize(2);
        List<ScoredBox> strict = post.withRelativeThreshold(0.9).apply(List.of(a, b, c));
        assertThat(strict).hasSize(1);
        assertThat(strict.get(0).score()).isCloseTo(0.8, within(1e-12));
        assertThat(post.withRelativeThreshold(1).apply(List.of(c))).containsExactly(c);
    }

    @Test
    void keepRelativeKeepsExactlyTheBoxesNearTheBestAndAlwaysTheBest() {
        qt().withFixedSeed(31)
                .forAll(
                        WeightedBoxFusionTest.lists(),
                        org.quicktheories.generators.SourceDSL.doubles().between(0, 1))
                .checkAssert((boxes, r) -> {
                    List<ScoredBox> kept = PostProcessor.keepRelative(boxes, r);
                    double best =
                            boxes.stream().mapToDouble(ScoredBox::score).max().orElse(0);
                    // brute force: the boxes in their order whose score reaches r times the best
                    assertThat(kept)
                            .containsExactlyElementsOf(boxes.stream()
                                    .filter(x -> x.score() >= r * best)
                                    .toList());
                    if (!boxes.isEmpty()) {
                        assertThat(kept).anySatisfy(x -> assertThat(x.score()).isEqualTo(best));
                    }
                    // a stricter share keeps a subset
                    assertThat(kept).containsAll(PostProcessor.keepRelative(boxes, Math.min(1, r + 0.1)));
                });
        assertThat(PostProcessor.keepRelative(List.of(), 0.9)).isEmpty();
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
        assertThat(PostProcessor.defaults().withThreshold(0.5).apply(List.of(strong, weakOverlap)))
                .hasSize(1)
                .allSatisfy(b -> assertThat(b.score()).isCloseTo(0.7, within(1e-12)));
    }

    @Test
    void nothingAboveTheThresholdMeansNoBox() {
        assertThat(PostProcessor.defaults().apply(List.of(new ScoredBox(new Box(0, 0, 1, 1), 0.3))))
                .isEmpty();
    }

    @Test
    void rejectsThresholdsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new PostProcessor(1.2, 0.1)).hasMessageContaining("1.2");
        assertThatThrownBy(() -> new PostProcessor(0.5, -0.1)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new PostProcessor(Double.NaN, 0.1)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new PostProcessor(0.5, 0.1, 1.5))
                .hasMessageContaining("relative threshold")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> PostProcessor.keepRelative(List.of(), -0.1)).hasMessageContaining("-0.1");
    }
}

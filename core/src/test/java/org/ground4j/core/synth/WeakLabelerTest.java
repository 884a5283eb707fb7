package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Weak labels are noisy the way Chest ImaGenome is, so that the cleanup has work to do. */
class WeakLabelerTest {

    private static List<PlannedSentence> sentences;

    @BeforeAll
    static void plan() {
        sentences = ScenePlanner.planAll(5, 400).stream()
                .flatMap(s -> s.sentences().stream())
                .toList();
    }

    @Test
    void someSentencesListAParentRegionAlongsideItsChild() {
        long withParent = sentences.stream()
                .filter(s -> s.weakRegions().stream()
                        .anyMatch(r -> r.parent() != null && s.weakRegions().contains(r.parent())))
                .count();
        assertThat(withParent).isGreaterThan(sentences.size() / 5);
        assertThat(sentences)
                .anyMatch(s -> s.weakRegions()
                        .containsAll(List.of(AnatomyRegion.RIGHT_LOWER_LUNG_ZONE, AnatomyRegion.RIGHT_LUNG)));
    }

    @Test
    void someNegatedSentencesKeepRegionsAndSomeDoNot() {
        List<PlannedSentence> negations = sentences.stream()
                .filter(s -> s.category() == Category.NEGATION)
                .toList();
        long linked = negations.stream().filter(s -> !s.weakRegions().isEmpty()).count();
        assertThat(linked).isGreaterThan(negations.size() / 2).isLessThan(negations.size());
    }

    @Test
    void technicalSentencesHaveNoRegionsAndPositiveOnesAlwaysDo() {
        assertThat(sentences)
                .filteredOn(s -> s.category() == Category.TECHNIQUE)
                .allMatch(s -> s.weakRegions().isEmpty());
        assertThat(sentences)
                .filteredOn(s -> s.category().isFinding())
                .allMatch(s -> !s.weakRegions().isEmpty());
    }

    @Test
    void aPositiveSentenceIsLinkedToTheRegionOfEachFindingOrItsCostophrenicAngle() {
        for (PlannedSentence s : sentences) {
            for (Finding f : s.findings()) {
                AnatomyRegion alternative = f.side() == null ? f.region() : AnatomyRegion.costophrenicAngle(f.side());
                assertThat(s.weakRegions()).as(s.text()).containsAnyOf(f.region(), alternative);
            }
        }
    }
}

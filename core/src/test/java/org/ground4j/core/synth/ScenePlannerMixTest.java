package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ground4j.core.data.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sentence mix, ids, languages and distractors of 1,000 planned samples (no pixels drawn). */
class ScenePlannerMixTest {

    private static List<Scene> scenes;
    private static List<Sample> samples;

    @BeforeAll
    static void plan() {
        scenes = ScenePlanner.planAll(2024, 1000);
        samples = scenes.stream()
                .flatMap(s -> ScenePlanner.samples(s, "images/" + s.id() + ".png").stream())
                .toList();
    }

    @Test
    void writesExactlyTheRequestedNumberOfSamples() {
        assertThat(samples).hasSize(1000);
        assertThat(Arrays.stream(ScenePlanner.sentenceCounts(2024, 1000))
                        .boxed()
                        .toList())
                .allSatisfy(k -> assertThat(k).isBetween(1, 5));
    }

    @Test
    void followsThePadChestGrMixOfZeroSingleAndMultiBoxSentences() {
        assertThat(fraction(Sample.Group.NO)).isCloseTo(0.41, within(0.04));
        assertThat(fraction(Sample.Group.SINGLE)).isCloseTo(0.46, within(0.04));
        assertThat(fraction(Sample.Group.MULTI)).isCloseTo(0.13, within(0.03));
    }

    @Test
    void idsAreUniqueAndNameImageAndSentence() {
        Set<String> ids = new HashSet<>();
        for (Sample s : samples) {
            assertThat(s.id()).matches("synth-\\d{6}#\\d");
            assertThat(s.image()).isEqualTo("images/" + s.id().substring(0, s.id().indexOf('#')) + ".png");
            assertThat(ids.add(s.id())).as("unique id %s", s.id()).isTrue();
        }
    }

    @Test
    void everySampleHasCategoryAndLanguageAndBothLanguagesArePresent() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(Category.ofLabel(s.category())).isNotNull();
            assertThat(s.lang()).isIn("en", "es");
            assertThat(s.sentence()).isNotBlank().endsWith(".");
        });
        long english = samples.stream().filter(s -> s.lang().equals("en")).count();
        assertThat(english).isBetween(350L, 650L);
    }

    @Test
    void zeroBoxSentencesAreNegationsNormalAnatomyOrTechniqueAndFindingsHaveBoxes() {
        for (Sample s : samples) {
            Category c = Category.ofLabel(s.category());
            assertThat(s.boxes().isEmpty()).as("%s: %s", s.id(), s.sentence()).isEqualTo(!c.isFinding());
        }
        assertThat(samples)
                .extracting(Sample::category)
                .contains(
                        "negation",
                        "normal",
                        "technique",
                        "opacity",
                        "consolidation",
                        "nodule",
                        "atelectasis",
                        "pleural effusion",
                        "pneumothorax",
                        "cardiomegaly");
    }

    @Test
    void imagesCarryDistractorFindingsThatNoSentenceMentions() {
        long withDistractors =
                scenes.stream().filter(s -> !s.distractors().isEmpty()).count();
        assertThat(withDistractors).isGreaterThan(scenes.size() / 2);
        long severalFindings =
                scenes.stream().filter(s -> s.findings().size() >= 2).count();
        assertThat(severalFindings).isGreaterThan(scenes.size() / 2);
    }

    @Test
    void severalSentencesOfOneImageGroundToDifferentPlaces() {
        long images = scenes.stream()
                .filter(s -> s.sentences().stream()
                                .filter(p -> !p.boxes().isEmpty())
                                .map(PlannedSentence::boxes)
                                .distinct()
                                .count()
                        >= 2)
                .count();
        assertThat(images).isGreaterThan(scenes.size() / 3);
    }

    @Test
    void noSentenceIsContradictedByAFindingOnItsImage() {
        for (Scene scene : scenes) {
            for (PlannedSentence s : scene.sentences()) {
                assertThat(scene.findings()).noneMatch(f -> s.statement().denies(f));
                assertThat(s.findings())
                        .isEqualTo(scene.findings().stream()
                                .filter(s.statement()::describes)
                                .toList());
            }
        }
    }

    private static double fraction(Sample.Group g) {
        return samples.stream().filter(s -> s.group() == g).count() / (double) samples.size();
    }
}

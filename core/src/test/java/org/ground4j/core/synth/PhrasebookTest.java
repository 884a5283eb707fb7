package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sentences say what the boxes show: side words follow radiological laterality in both languages. */
class PhrasebookTest {

    private static final Pattern RIGHT = Pattern.compile("\\b(right|derech[oa])\\b");
    private static final Pattern LEFT = Pattern.compile("\\b(left|izquierd[oa]|língula|lingula|lingular)\\b");

    private static List<PlannedSentence> sentences;

    @BeforeAll
    static void plan() {
        sentences = ScenePlanner.planAll(99, 600).stream()
                .flatMap(s -> s.sentences().stream())
                .toList();
    }

    @Test
    void aSentenceNamingOnlyTheRightSideGroundsToTheImagesLeftHalf() {
        int checked = 0;
        for (PlannedSentence s : sentences) {
            String text = s.text().toLowerCase(Locale.ROOT);
            boolean right = RIGHT.matcher(text).find(),
                    left = LEFT.matcher(text).find();
            if (right && !left) {
                assertThat(s.boxes()).as(s.text()).allMatch(b -> b.x2() < 0.5);
                checked += s.boxes().size();
            } else if (left && !right) {
                assertThat(s.boxes()).as(s.text()).allMatch(b -> b.x1() > 0.5);
                checked += s.boxes().size();
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    @Test
    void englishAndSpanishSentencesAreBothWritten() {
        List<String> english = texts("en"), spanish = texts("es");
        assertThat(english).hasSizeGreaterThan(200);
        assertThat(spanish).hasSizeGreaterThan(200);
        assertThat(spanish)
                .anyMatch(t -> t.startsWith("Sin derrame pleural"))
                .anyMatch(t -> t.contains("derecho"))
                .anyMatch(t -> t.contains("izquierd"));
        assertThat(english)
                .anyMatch(t -> t.startsWith("No pneumothorax"))
                .anyMatch(t -> t.contains("right"))
                .anyMatch(t -> t.contains("left"));
    }

    @Test
    void templatesAreVaried() {
        long distinct = sentences.stream().map(PlannedSentence::text).distinct().count();
        assertThat(distinct).isGreaterThan(sentences.size() / 4);
    }

    @Test
    void sentencesStartWithACapitalAndEndWithAFullStop() {
        assertThat(sentences).allSatisfy(s -> assertThat(s.text()).matches("^[A-ZÁÉÍÓÚÑ0-9].*\\.$"));
    }

    @Test
    void bilateralSentencesGroundToBothHalves() {
        for (PlannedSentence s : sentences) {
            if (s.statement() instanceof Statement.Positive p && p.bilateral()) {
                assertThat(s.boxes()).as(s.text()).anyMatch(b -> b.cx() < 0.5).anyMatch(b -> b.cx() > 0.5);
            }
        }
        assertThat(sentences)
                .anyMatch(s -> s.text().startsWith("Bilateral pleural effusions")
                        || s.text().startsWith("Derrame pleural bilateral"));
    }

    private static List<String> texts(String lang) {
        return sentences.stream()
                .filter(s -> s.lang().equals(lang))
                .map(PlannedSentence::text)
                .toList();
    }
}

package org.ground4j.core.data.weak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.ground4j.core.data.weak.SentenceAnalysis.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class NegationDetectorTest {

    private static final String TABLE = "/org/ground4j/core/data/weak/negation-cases.tsv";

    private final NegationDetector detector = NegationDetector.STANDARD;

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvFileSource(resources = TABLE, delimiter = '\t', numLinesToSkip = 1)
    void sentenceFromTheTable(String lang, String sentence, Verdict verdict, String negated, String affirmed) {
        SentenceAnalysis a = detector.analyse(sentence);
        assertThat(a.verdict()).as("verdict of \"%s\"", sentence).isEqualTo(verdict);
        assertThat(a.negatedFindings())
                .as("negated findings of \"%s\"", sentence)
                .containsExactlyInAnyOrderElementsOf(list(negated));
        assertThat(a.affirmedFindings())
                .as("affirmed findings of \"%s\"", sentence)
                .containsExactlyInAnyOrderElementsOf(list(affirmed));
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank()
                ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    }

    @Test
    void tableHasAtLeastSixtySentencesInBothLanguages() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(TABLE)) {
            List<String> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .filter(l -> !l.isBlank())
                    .toList();
            assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
            assertThat(rows.stream().filter(r -> r.startsWith("es\t")).count()).isGreaterThanOrEqualTo(25);
            assertThat(rows.stream().filter(r -> r.startsWith("en\t")).count()).isGreaterThanOrEqualTo(25);
        }
    }

    @Test
    void matchingIgnoresCaseAndAccents() {
        assertThat(detector.analyse("SIN NEUMOTORAX.").negatedFindings()).containsExactly("pneumothorax");
        assertThat(detector.analyse("sin neumotórax").negatedFindings()).containsExactly("pneumothorax");
    }

    @Test
    void scopeEndsAtTheClause() {
        SentenceAnalysis a = detector.analyse("No pneumothorax. Small left effusion.");
        assertThat(a.negatedFindings()).containsExactly("pneumothorax");
        assertThat(a.affirmedFindings()).containsExactly("effusion");
    }

    @Test
    void mentionsKeepTheirPositions() {
        SentenceAnalysis a = detector.analyse("Left pleural effusion.");
        assertThat(a.mentions()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("effusion");
            assertThat(m.start()).isEqualTo(2);
            assertThat(m.end()).isEqualTo(3);
            assertThat(m.negated()).isFalse();
        });
    }

    @Test
    void emptySentenceNamesNothing() {
        assertThat(detector.analyse("").verdict()).isEqualTo(Verdict.NO_FINDING);
    }
}

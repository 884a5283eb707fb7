package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Sentence splitting of English and Spanish reports: a table of report snippets, and properties. */
class SentenceSplitterTest {

    /** One row of {@code splitter/reports.json}. */
    record Case(String lang, String report, List<String> sentences) {}

    static Stream<Arguments> reports() throws IOException {
        try (InputStream in = SentenceSplitterTest.class.getResourceAsStream("/splitter/reports.json")) {
            List<Case> cases = new ObjectMapper().readValue(in, new TypeReference<List<Case>>() {});
            return cases.stream().map(c -> Arguments.of(c.lang(), c.report().replace("\n", "\\n"), c));
        }
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("reports")
    void splitsReportSnippetsAsATableSays(String lang, String shown, Case c) {
        List<SentenceSpan> spans = SentenceSplitter.split(c.report());
        assertThat(spans).extracting(SentenceSpan::text).containsExactlyElementsOf(c.sentences());
        for (SentenceSpan s : spans) {
            assertThat(c.report().substring(s.start(), s.end())).isEqualTo(s.text());
        }
    }

    @Test
    void theTableHasAtLeastFortySnippetsPerLanguage() throws IOException {
        List<Case> cases = reports().map(a -> (Case) a.get()[2]).toList();
        assertThat(cases.stream().filter(c -> c.lang().equals("en")).count()).isGreaterThanOrEqualTo(40);
        assertThat(cases.stream().filter(c -> c.lang().equals("es")).count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void offsetsPointIntoTheReport() {
        String report = "HALLAZGOS:\n1. Derrame pleural izquierdo de aprox. 2,5 cm. 2. Sin neumotórax.";
        assertThat(SentenceSplitter.split(report))
                .containsExactly(
                        new SentenceSpan("Derrame pleural izquierdo de aprox. 2,5 cm.", 14, 57),
                        new SentenceSpan("Sin neumotórax.", 61, 76));
    }

    private static final List<String> FRAGMENTS = List.of(
            "a",
            "B",
            "é",
            "Ó",
            "x",
            "1",
            "2",
            ".",
            " ",
            "  ",
            ", ",
            "\n",
            "\n\n",
            "\r\n",
            ":",
            "-",
            "(",
            ")",
            "?",
            "!",
            "…",
            "\"",
            "e.g.",
            "Dr.",
            "1.5",
            "2,5",
            "FINDINGS:",
            "Hallazgos",
            "- ",
            "1. ",
            "a) ",
            "cm.",
            "etc.",
            "izq.",
            "•",
            " the\n",
            "p. ej.",
            "LUNGS:",
            "no");

    /** Report-like text: fragments that exercise every rule, in any order. */
    private static final Gen<String> TEXT =
            lists().of(Generate.pick(FRAGMENTS)).ofSizeBetween(0, 60).map(parts -> String.join("", parts));

    @Test
    void everyNonWhitespaceCharacterLiesInExactlyOnePiece() {
        qt().withFixedSeed(20240601L).withExamples(3000).forAll(TEXT).checkAssert(text -> {
            List<SentenceSplitter.Segment> segments = SentenceSplitter.segments(text);
            int[] owners = new int[text.length()];
            int previousEnd = 0;
            for (SentenceSplitter.Segment s : segments) {
                assertThat(s.start()).as("ordered, disjoint").isGreaterThanOrEqualTo(previousEnd);
                assertThat(s.end()).isGreaterThan(s.start()).isLessThanOrEqualTo(text.length());
                assertThat(Character.isWhitespace(text.charAt(s.start())))
                        .as("trimmed start")
                        .isFalse();
                assertThat(Character.isWhitespace(text.charAt(s.end() - 1)))
                        .as("trimmed end")
                        .isFalse();
                for (int i = s.start(); i < s.end(); i++) {
                    owners[i]++;
                }
                previousEnd = s.end();
            }
            for (int i = 0; i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    assertThat(owners[i])
                            .as("owners of character %d in %s", i, text)
                            .isEqualTo(1);
                }
            }
        });
    }

    @Test
    void onlyHeadersMarkersAndBarePunctuationAreLeftOut() {
        qt().withFixedSeed(7L).withExamples(3000).forAll(TEXT).checkAssert(text -> {
            List<SentenceSpan> sentences = SentenceSplitter.split(text);
            StringBuilder rest = new StringBuilder(text);
            for (SentenceSpan s : sentences) {
                assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
                assertThat(s.text().codePoints().anyMatch(Character::isLetterOrDigit))
                        .isTrue();
                for (int i = s.start(); i < s.end(); i++) {
                    rest.setCharAt(i, ' ');
                }
            }
            for (SentenceSplitter.Segment s : SentenceSplitter.segments(text)) {
                String piece = text.substring(s.start(), s.end());
                switch (s.kind()) {
                    case HEADER -> assertThat(piece).matches("(?s)[\\p{L} /&()-]+:?");
                    case MARKER -> assertThat(piece).matches("[-*•·–—▪◦‣]|\\(?[0-9a-zA-Z]{1,2}[.)]");
                    case PUNCTUATION ->
                        assertThat(piece.codePoints().noneMatch(Character::isLetterOrDigit))
                                .isTrue();
                    case SENTENCE -> assertThat(sentences).contains(new SentenceSpan(piece, s.start(), s.end()));
                    default -> throw new AssertionError(s);
                }
            }
        });
    }

    private static final List<String> FIRST = List.of(
            "Small",
            "Left",
            "Right",
            "No",
            "Mild",
            "Derrame",
            "Sin",
            "Opacidad",
            "The",
            "Bilateral",
            "Índice",
            "Nódulo");
    private static final List<String> WORDS = List.of(
            "effusion",
            "pleural",
            "lobe",
            "1.5 cm",
            "2,5 cm",
            "approx. 2 cm",
            "aprox. 3 mm",
            "e.g. atelectasis",
            "i.e. edema",
            "p. ej. derrame",
            "vs. prior",
            "(left)",
            "by Dr. Smith",
            "con la Dra. Ruiz",
            "etc. and",
            "izq. en",
            "basal",
            "izquierdo",
            "12 mm",
            "de",
            "the",
            "lung");
    private static final List<String> ENDS = List.of(".", ".", ".", "?", "!", "...");
    private static final List<String> JOINS =
            List.of(" ", "  ", "\n", "\n\n", "\n- ", "\n• ", "\nNUMBER. ", " NUMBER) ");
    private static final List<String> HEADS = List.of(
            "",
            "",
            "FINDINGS: ",
            "FINDINGS:\n",
            "Impression:\n",
            "HALLAZGOS: ",
            "Conclusión:\n",
            "CHEST PA AND LATERAL:\n",
            "1. ",
            "- ");

    /** A sentence: a capitalised word, one to five more words, an end mark. */
    private static final Gen<String> SENTENCE = Generate.pick(FIRST)
            .zip(
                    lists().of(Generate.pick(WORDS)).ofSizeBetween(1, 5),
                    Generate.pick(ENDS),
                    (first, words, end) -> first + " " + String.join(" ", words) + end);

    @Test
    void recoversTheSentencesAReportWasWrittenFrom() {
        Gen<List<String>> sentences = lists().of(SENTENCE).ofSizeBetween(1, 6);
        Gen<List<Integer>> joins =
                lists().of(integers().between(0, JOINS.size() - 1)).ofSize(6);
        qt().withFixedSeed(42L)
                .withExamples(2000)
                .forAll(sentences, joins, Generate.pick(HEADS))
                .checkAssert((parts, joinIndex, head) -> {
                    StringBuilder report = new StringBuilder(head);
                    for (int i = 0; i < parts.size(); i++) {
                        if (i > 0) {
                            report.append(JOINS.get(joinIndex.get(i)).replace("NUMBER", Integer.toString(i + 1)));
                        }
                        report.append(parts.get(i));
                    }
                    List<String> got = new ArrayList<>();
                    SentenceSplitter.split(report.toString()).forEach(s -> got.add(s.text()));
                    assertThat(got).as(report.toString()).containsExactlyElementsOf(parts);
                });
    }
}

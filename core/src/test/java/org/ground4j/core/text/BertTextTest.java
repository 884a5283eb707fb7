package org.ground4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BertText}: BERT-uncased normalisation and pre-tokenisation. */
class BertTextTest {

    @Test
    void lowercasesStripsAccentsAndIsolatesPunctuation() {
        assertThat(BertText.words("Múltiples pequeños nódulos en el LÓBULO, ¿sin cambios?"))
                .containsExactly(
                        "multiples", "pequenos", "nodulos", "en", "el", "lobulo", ",", "¿", "sin", "cambios", "?");
        assertThat(BertText.words("A 2.5 cm nodule (03/2021); Right-sided $5+x"))
                .containsExactly(
                        "a", "2", ".", "5", "cm", "nodule", "(", "03", "/", "2021", ")", ";", "right", "-", "sided",
                        "$", "5", "+", "x");
    }

    @Test
    void dropsControlCharactersAndSplitsOnEveryKindOfWhitespace() {
        assertThat(BertText.normalize("Left\u0000 lobe\u0007\u200B\uFFFD")).isEqualTo("left lobe");
        assertThat(BertText.words("left\tlower\nlobe\u00A0zone\u3000x\r\ny"))
                .containsExactly("left", "lower", "lobe", "zone", "x", "y");
    }

    @Test
    void surroundsCjkIdeographsWithSpaces() {
        assertThat(BertText.words("肺结节left")).containsExactly("肺", "结", "节", "left");
    }

    @Test
    void lowercasesEachCodePointWithoutContext() {
        // Greek capital sigma at a word end: Java's String.toLowerCase would give final sigma, Rust's per-char σ
        assertThat(BertText.normalize("ΟΔΟΣ")).isEqualTo("οδοσ");
        assertThat(BertText.normalize("ǅ")).isEqualTo("ǆ");
    }

    /** The words of HF's own tokens (pieces joined at ##) for the fixture sentences that have no [UNK]. */
    @Test
    void wordsEqualThoseOfTheHuggingFaceTokensInTheFixture() {
        int compared = 0;
        for (JsonNode e : TextFixtures.examples().get("examples")) {
            List<String> words = new ArrayList<>();
            for (JsonNode t : e.get("tokens")) {
                String token = t.asText();
                if (token.startsWith("##")) {
                    words.set(words.size() - 1, words.get(words.size() - 1) + token.substring(2));
                } else if (!token.startsWith("[")) {
                    words.add(token);
                }
            }
            boolean truncated =
                    e.get("untruncated_input_ids").size() > e.get("input_ids").size();
            List<String> ours = BertText.words(e.get("sentence").asText());
            if (truncated) {
                assertThat(ours).startsWith(words.toArray(String[]::new));
            } else {
                assertThat(ours).as(e.get("sentence").asText()).isEqualTo(words);
            }
            compared++;
        }
        assertThat(compared).isEqualTo(6);
    }
}

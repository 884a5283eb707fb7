package org.ground4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VocabCoverage} on the fixture tokenizer, counted by hand from HF's tokens in examples.json. */
class VocabCoverageTest {

    @Test
    void countsWholeWordsAndUnknownTokens() {
        // no | pneumo ##thorax | .   and   bilateral | pleural | effusion ##s | .
        VocabCoverage c = VocabCoverage.measure(
                TextFixtures.tokenizerJson(), List.of("No pneumothorax.", "Bilateral pleural effusions."));
        assertThat(c).isEqualTo(new VocabCoverage(2, 7, 5, 9, 0));
        assertThat(c.wholeWordFraction()).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(c.format()).contains("71.43 %").contains("0 of 9 tokens");
    }

    @Test
    void repeatedSentencesCountEveryTime() {
        VocabCoverage c = VocabCoverage.measure(
                TextFixtures.tokenizerJson(),
                List.of("No pneumothorax.", "Bilateral pleural effusions.", "No pneumothorax."));
        assertThat(c).isEqualTo(new VocabCoverage(3, 10, 7, 13, 0));
    }

    @Test
    void anUnknownWordIsNeitherWholeNorHidden() {
        // HF's untruncated ids of the long Spanish sentence hold one [UNK] (id 1); no truncation here
        String sentence = TextFixtures.exampleSentences().get(5);
        VocabCoverage c = VocabCoverage.measure(TextFixtures.tokenizerJson(), List.of(sentence));
        int[] hf =
                TextFixtures.ints(TextFixtures.examples().get("examples").get(5).get("untruncated_input_ids"));
        assertThat(c.tokens()).isEqualTo(hf.length - 2);
        assertThat(c.unknownTokens()).isEqualTo(1);
        assertThat(c.words()).isEqualTo(BertText.words(sentence).size());
        assertThat(c.wholeWords()).isEqualTo(c.words() - 1);
    }
}

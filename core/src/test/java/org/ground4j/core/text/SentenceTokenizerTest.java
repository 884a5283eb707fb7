package org.ground4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.model.TokenBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SentenceTokenizer} against ids and masks that HF transformers produced for the fixture tokenizer. */
class SentenceTokenizerTest {

    private static final int SEP = 3;

    @TempDir
    Path dir;

    @Test
    void batchEqualsHuggingFacePaddingLongestTruncationMaxLength16() {
        JsonNode examples = TextFixtures.examples().get("examples");
        try (SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), 16)) {
            TokenBatch batch = tok.encode(TextFixtures.exampleSentences());

            assertThat(batch.size()).isEqualTo(examples.size());
            for (int i = 0; i < examples.size(); i++) {
                assertThat(batch.ids()[i])
                        .as("input_ids of " + i)
                        .containsExactly(TextFixtures.ints(examples.get(i).get("input_ids")));
                assertThat(batch.attentionMask()[i])
                        .as("attention_mask of " + i)
                        .containsExactly(TextFixtures.ints(examples.get(i).get("attention_mask")));
            }
            assertThat(tok.truncatedCount())
                    .as("only the long Spanish sentence exceeds 16")
                    .isEqualTo(1);
        }
    }

    @Test
    void vocabularySizeAndPaddingIdComeFromTheFile() {
        try (SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), 16)) {
            assertThat(tok.vocabSize())
                    .isEqualTo(TextFixtures.examples().get("vocab_size").asInt())
                    .isEqualTo(148);
            assertThat(tok.padId()).isZero();
            assertThat(tok.maxLength()).isEqualTo(16);
        }
    }

    /** Any batch of fixture sentences at any max length: HF's untruncated ids cut to [CLS] .. [SEP], padded. */
    @Test
    void everyBatchIsTheUntruncatedIdsCutKeepingSepThenPaddedToTheLongest() {
        JsonNode examples = TextFixtures.examples().get("examples");
        List<String> sentences = TextFixtures.exampleSentences();
        qt().withFixedSeed(5)
                .withExamples(40)
                .forAll(
                        lists().of(integers().between(0, sentences.size() - 1)).ofSizeBetween(1, 8),
                        integers().between(3, 30))
                .checkAssert((picks, maxLength) -> {
                    List<int[]> expected = new ArrayList<>();
                    long longer = 0;
                    for (int p : picks) {
                        int[] full = TextFixtures.ints(examples.get(p).get("untruncated_input_ids"));
                        if (full.length > maxLength) {
                            longer++;
                            full = Arrays.copyOf(full, maxLength);
                            full[maxLength - 1] = SEP;
                        }
                        expected.add(full);
                    }
                    int width = expected.stream().mapToInt(e -> e.length).max().orElseThrow();
                    try (SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), maxLength)) {
                        TokenBatch batch =
                                tok.encode(picks.stream().map(sentences::get).toList());
                        assertThat(batch.length()).isEqualTo(width);
                        for (int i = 0; i < picks.size(); i++) {
                            int[] ids = Arrays.copyOf(expected.get(i), width);
                            int[] mask = new int[width];
                            Arrays.fill(mask, 0, expected.get(i).length, 1);
                            assertThat(batch.ids()[i]).as("row " + i).containsExactly(ids);
                            assertThat(batch.attentionMask()[i]).as("mask " + i).containsExactly(mask);
                        }
                        assertThat(tok.truncatedCount()).isEqualTo(longer);
                    }
                });
    }

    @Test
    void blankSentencesAndEmptyBatchesAreInvalidInput() {
        try (SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), 16)) {
            assertThatThrownBy(() -> tok.encode(List.of("No effusion.", "  \t")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("sentence 1 of 2");
            assertThatThrownBy(() -> tok.encode(List.of(""))).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> tok.encode(Arrays.asList("Effusion.", null)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("null");
            assertThatThrownBy(() -> tok.encode(List.of())).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> tok.encode(List.of("Effusion.", "\u0000\u200B\u0007")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("sentence 1 of 2 has no word");
        }
    }

    @Test
    void missingOrCorruptFilesAreInvalidInputNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope.json");
        Path truncated = Files.writeString(
                dir.resolve("truncated.json"),
                Files.readString(TextFixtures.tokenizerJson()).substring(0, 500));
        Path notATokenizer = Files.writeString(
                dir.resolve("alien.json"), "{\"model\": {\"type\": \"Alien\", \"vocab\": {\"[PAD]\": 0, \"a\": 1}}}");
        for (Path p : List.of(missing, truncated, notATokenizer)) {
            assertThatThrownBy(() -> new SentenceTokenizer(p, 16))
                    .as(p.toString())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(p.toString());
        }
    }

    @Test
    void maxLengthMustLeaveRoomForAWord() {
        assertThatThrownBy(() -> new SentenceTokenizer(TextFixtures.tokenizerJson(), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 special tokens");
        try (SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), 3)) {
            assertThat(tok.encode(List.of("No pneumothorax.")).ids()[0]).containsExactly(2, 13, SEP);
        }
    }

    @Test
    void concurrentEncodingGivesTheSequentialResultAndCountsEveryTruncation() throws Exception {
        List<String> sentences = TextFixtures.exampleSentences();
        try (SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), 16)) {
            TokenBatch reference = tok.encode(sentences);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<TokenBatch>> futures = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    futures.add(pool.submit(() -> tok.encode(sentences)));
                }
                for (Future<TokenBatch> f : futures) {
                    TokenBatch b = f.get();
                    assertThat(b.ids()).isDeepEqualTo(reference.ids());
                    assertThat(b.attentionMask()).isDeepEqualTo(reference.attentionMask());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(tok.truncatedCount()).isEqualTo(65);
        }
    }

    @Test
    void encodingAfterCloseFails() {
        SentenceTokenizer tok = new SentenceTokenizer(TextFixtures.tokenizerJson(), 16);
        tok.close();
        tok.close();
        assertThatThrownBy(() -> tok.encode(List.of("No effusion."))).isInstanceOf(IllegalStateException.class);
    }
}

package org.ground4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.model.TokenBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/** {@link WordPieceTrainer}: merges, size, determinism, and files that DJL loads and that cover the corpus. */
class WordPieceTrainerTest {

    /** Sennrich's example: low x5, lower x2, newest x6, widest x3. */
    private static final List<String> LOW_NEWEST = List.of(
            "low low low low low", "lower lower", "newest newest newest newest newest newest", "widest widest widest");

    @TempDir
    Path dir;

    @Test
    void vocabularyStartsWithSpecialsThenCharactersThenContinuationCharacters() {
        WordPieceVocab v = new WordPieceTrainer(25).train(LOW_NEWEST);
        assertThat(v.tokens())
                .containsExactly(
                        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "d", "e", "i", "l", "n", "o", "r", "s", "t", "w",
                        "##d", "##e", "##i", "##l", "##n", "##o", "##r", "##s", "##t", "##w");
    }

    /*
     * Pair counts at the start: (##e,##s) 9 and (##s,##t) 9 tie -> smaller first id: ##es. Then ##es+##t 9 ->
     * ##est. Then (l,##o) 7 and (##o,##w) 7 tie -> lo, then lo+##w -> low (7). Then newest's pairs, 6 each:
     * (n,##e) has the smallest first id -> ne; then (##w,##est) beats (ne,##w) because ##w is older than ne ->
     * ##west; then newest. Then widest's pairs (3) beat lower's (2), w has the smallest id: wi.
     */
    @Test
    void firstMergesOfAHandCheckedCorpus() {
        WordPieceVocab v = new WordPieceTrainer(33).train(LOW_NEWEST);
        assertThat(v.tokens().subList(25, 33))
                .containsExactly("##es", "##est", "lo", "low", "ne", "##west", "newest", "wi");
    }

    @Test
    void stopsWhenEveryWordIsOneTokenAndRejectsASizeBelowTheAlphabet() {
        WordPieceVocab all = new WordPieceTrainer(1000).train(LOW_NEWEST);
        assertThat(all.tokens()).contains("low", "lower", "newest", "widest").hasSizeLessThan(1000);
        assertThatThrownBy(() -> new WordPieceTrainer(24).train(LOW_NEWEST))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("need 25");
        assertThatThrownBy(() -> new WordPieceTrainer(100).train(List.of(" ", "\t")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no words");
    }

    @Test
    void hasExactlyTheRequestedSizeWhenTheCorpusAllowsIt() {
        List<String> corpus = TextFixtures.corpus();
        int alphabetVocab = new WordPieceTrainer(1_000_000).train(corpus).size();
        qt().withFixedSeed(11)
                .withExamples(15)
                .forAll(integers().between(0, 400))
                .checkAssert(extra -> {
                    int size = Math.min(alphabetVocab, 150 + extra);
                    assertThat(new WordPieceTrainer(size).train(corpus).size()).isEqualTo(size);
                });
    }

    @Test
    void sameCorpusGivesByteIdenticalFilesInAnyLineOrder() throws Exception {
        List<String> corpus = TextFixtures.corpus();
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        TokenizerJson.write(a, new WordPieceTrainer(300).train(corpus));
        TokenizerJson.write(b, new WordPieceTrainer(300).train(corpus));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

        qt().withFixedSeed(3).withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            List<String> shuffled = new ArrayList<>(corpus);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(TokenizerJson.toJson(new WordPieceTrainer(300).train(shuffled)))
                    .isEqualTo(TokenizerJson.toJson(new WordPieceTrainer(300).train(corpus)));
        });
    }

    @Test
    void djlLoadsTheFileAndEveryCorpusSentenceRoundTripsWithoutUnk() {
        List<String> corpus = TextFixtures.corpus();
        WordPieceVocab vocab = new WordPieceTrainer(300).train(corpus);
        assertThat(vocab.size()).isEqualTo(300);
        assertRoundTrips(vocab, corpus, dir.resolve("tokenizer.json"));
    }

    /** Random text mixing accents, CJK, punctuation, symbols, control and odd whitespace characters. */
    @Test
    void djlAgreesWithTheJavaNormaliserOnRandomText() {
        String pool = "abcxyzABCÁÉÍÓÚÑñüÜçåøßæœÆ肺结,.;:!?¿¡()-_/'\"$+<=>^`|~«»—–…·°%&@#*0123456789 \t\n\u00A0\u3000"
                + "\u0000\u0007\u200B\uFFFD\u0301\u0303";
        Gen<String> sentences = lists().of(integers().between(0, pool.length() - 1))
                .ofSizeBetween(1, 40)
                .map(ix -> ix.stream().map(i -> String.valueOf(pool.charAt(i))).collect(Collectors.joining()));
        int[] run = {0};
        qt().withFixedSeed(17)
                .withExamples(40)
                .forAll(lists().of(sentences).ofSizeBetween(1, 6))
                .checkAssert(corpus -> {
                    List<String> usable = corpus.stream()
                            .filter(s -> !BertText.words(s).isEmpty())
                            .toList();
                    if (!usable.isEmpty()) {
                        WordPieceVocab vocab = new WordPieceTrainer(400).train(usable);
                        assertRoundTrips(vocab, usable, dir.resolve("random" + run[0]++ + ".json"));
                    }
                });
    }

    /** DJL loads the written file, and the tokens of each sentence join (at ##) into exactly BertText's words. */
    private static void assertRoundTrips(WordPieceVocab vocab, List<String> corpus, Path file) {
        TokenizerJson.write(file, vocab);
        try (SentenceTokenizer tok = new SentenceTokenizer(file, 512)) {
            assertThat(tok.vocabSize()).isEqualTo(vocab.size());
            TokenBatch batch = tok.encode(corpus);
            for (int i = 0; i < corpus.size(); i++) {
                List<String> words = new ArrayList<>();
                int[] ids = batch.ids()[i];
                for (int t = 1; t < ids.length && batch.attentionMask()[i][t] == 1; t++) {
                    String token = vocab.tokens().get(ids[t]);
                    if (token.equals("[SEP]")) {
                        break;
                    }
                    assertThat(token).as("token in " + corpus.get(i)).isNotEqualTo("[UNK]");
                    if (token.startsWith("##")) {
                        words.set(words.size() - 1, words.get(words.size() - 1) + token.substring(2));
                    } else {
                        words.add(token);
                    }
                }
                assertThat(words).as(corpus.get(i)).isEqualTo(BertText.words(corpus.get(i)));
            }
            assertThat(tok.truncatedCount()).isZero();
        }
    }
}

package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.text.SentenceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground4j vocab} end to end: corpus in, loadable tokenizer.json and a coverage report out. */
class VocabCommandTest {

    private static final String CORPUS = """
            No pneumothorax.
            Bilateral pleural effusions, larger on the right.
            Small right pleural effusion.
            Sin neumotórax.
            Derrame pleural bilateral, mayor en el lado derecho.
            Múltiples nódulos pequeños en el lóbulo superior derecho.
            """;

    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    private String stdout() {
        return std.out();
    }

    private String stderr() {
        return std.err();
    }

    @Test
    void textCorpusGivesATokenizerThatLoadsAndAReport() throws IOException {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), CORPUS);
        Path tok = dir.resolve("out/tokenizer.json");

        int status = Main.run("vocab", "--corpus", corpus.toString(), "--size", "90", "--out", tok.toString());

        assertThat(status).as(stderr()).isZero();
        assertThat(stdout())
                .contains("vocab size     90")
                .contains("whole words")
                .contains("[UNK] tokens   0 of");
        try (SentenceTokenizer t = new SentenceTokenizer(tok, 32)) {
            assertThat(t.vocabSize()).isEqualTo(90);
            TokenBatch b = t.encode(List.of("Derrame pleural bilateral."));
            assertThat(b.ids()[0]).doesNotContain(1);
        }
    }

    @Test
    void samplesJsonlUsesTheSentenceFieldsAndReportsAFullyCoveredCorpus() throws IOException {
        Path samples = Files.writeString(dir.resolve("expert.jsonl"), """
                {"id": "a", "image": "a.png", "sentence": "Left effusion.", "boxes": [[0.5, 0.5, 1, 1]]}
                {"id": "b", "image": "a.png", "sentence": "Derrame pleural.", "boxes": []}
                """);
        Path tok = dir.resolve("tokenizer.json");

        int status = Main.run("vocab", "--corpus", samples.toString(), "--size", "1000", "--out", tok.toString());

        assertThat(status).as(stderr()).isZero();
        assertThat(stdout())
                .contains("every corpus word is already one token")
                .contains("100.00 %")
                .doesNotContain("image")
                .doesNotContain("boxes");
        assertThat(Files.readString(tok)).contains("\"derrame\"").doesNotContain("\"image\"");
    }

    @Test
    void missingCorpusExitsTwoWithOneLine() {
        Path tok = dir.resolve("tokenizer.json");
        int status = Main.run(
                "vocab", "--corpus", dir.resolve("nope.txt").toString(), "--size", "100", "--out", tok.toString());

        assertThat(status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr().strip())
                .contains("nope.txt")
                .contains("no such file")
                .doesNotContain("\n");
        assertThat(tok).doesNotExist();
    }

    @Test
    void sizeTooSmallForTheAlphabetExitsTwo() throws IOException {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), CORPUS);
        int status = Main.run(
                "vocab",
                "--corpus",
                corpus.toString(),
                "--size",
                "20",
                "--out",
                dir.resolve("t.json").toString());

        assertThat(status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr()).contains("vocabulary size 20 is too small");
    }
}

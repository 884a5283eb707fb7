package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground4j compare} end to end: two prediction files in, a paired table or one error line out. */
class CompareCommandTest {

    private static final String GOLD = """
            {"id": "n1", "image": "a.png", "sentence": "No effusion.", "boxes": [], "category": "negation"}
            {"id": "s1", "image": "a.png", "sentence": "Left effusion.", "boxes": [[0.5, 0.5, 1, 1]], "category": "pleural effusion"}
            {"id": "s2", "image": "b.png", "sentence": "Nodule.", "boxes": [[0, 0, 0.5, 0.5]], "category": "nodule"}
            {"id": "s3", "image": "b.png", "sentence": "Opacity.", "boxes": [[0.5, 0, 1, 0.5]], "category": "opacity"}
            """;
    // new: all four right; old: n1 and s1 right, both free-position findings wrong
    private static final String NEW = """
            {"id": "n1", "boxes": []}
            {"id": "s1", "boxes": [[0.5, 0.5, 1, 1]]}
            {"id": "s2", "boxes": [[0, 0, 0.5, 0.5]]}
            {"id": "s3", "boxes": [[0.5, 0, 1, 0.5]]}
            """;
    private static final String OLD = """
            {"id": "s3", "boxes": []}
            {"id": "s2", "boxes": [[0.5, 0.5, 1, 1]]}
            {"id": "s1", "boxes": [[0.5, 0.5, 1, 1]]}
            {"id": "n1", "boxes": []}
            """;

    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void printsThePairedTableAndExitsZero() throws Exception {
        int status = Main.run(
                "compare",
                "--gold",
                write("gold.jsonl", GOLD).toString(),
                "--pred",
                write("new.jsonl", NEW).toString(),
                "--baseline",
                write("old.jsonl", OLD).toString());
        assertThat(status).as(std.err()).isZero();
        assertThat(std.out())
                .contains(
                        "| Group | n | P@F1=1 new.jsonl | P@F1=1 old.jsonl |",
                        "| overall | 4 | 100.0 ± 0.0 | 50.0 ± 25.0 | +50.0 | 2 | 0 | 0.50 |",
                        "| anchored | 1 | 100.0 ± 0.0 | 100.0 ± 0.0 | +0.0 | 0 | 0 | 1 |",
                        "| free | 2 | 100.0 ± 0.0 | 0.0 ± 0.0 | +100.0 | 2 | 0 | 0.50 |",
                        "| multi | 0 | – | – | – |");
        assertThat(std.err()).isEmpty();
    }

    @Test
    void aBaselineWithoutEveryGoldIdExitsTwoWithOneLine() throws Exception {
        Path old = write("old.jsonl", OLD.lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        int status = Main.run(
                "compare",
                "--gold",
                write("gold.jsonl", GOLD).toString(),
                "--pred",
                write("new.jsonl", NEW).toString(),
                "--baseline",
                old.toString());
        assertThat(status).isEqualTo(2);
        assertThat(std.err().strip())
                .startsWith("ground4j compare: " + old + ": no prediction for 1 gold id(s) (s3)")
                .doesNotContain("\n");
        assertThat(std.out()).isEmpty();
    }

    @Test
    void filesWithTheSameNameAreHeadedByTheirPaths() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path a = write("a/pred.jsonl", NEW);
        Path b = write("b/pred.jsonl", OLD);
        int status = Main.run(
                "compare",
                "--gold",
                write("gold.jsonl", GOLD).toString(),
                "--pred",
                a.toString(),
                "--baseline",
                b.toString());
        assertThat(status).as(std.err()).isZero();
        assertThat(std.out()).contains("| P@F1=1 " + a + " | P@F1=1 " + b + " |");
    }
}

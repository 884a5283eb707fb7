package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground4j attach} end to end: exit status, stderr lines, error file, resumption after a crash. */
class AttachCommandTest {

    @TempDir
    static Path dir;

    static Path model;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @BeforeAll
    static void fixtures() throws IOException {
        model = GroundingFixtures.checkpoint(dir.resolve("model"), 0.0);
        GroundingFixtures.png(dir.resolve("1.png"), 80, 64, 1);
        GroundingFixtures.png(dir.resolve("2.png"), 64, 64, 2);
    }

    private int attach(Path in, Path out) {
        std.reset();
        return Main.run("attach", "--model", model.toString(), "--input", in.toString(), "--output", out.toString());
    }

    @Test
    void goodReportsExitZeroAndARerunSkipsThem() throws IOException {
        Path in = Files.writeString(dir.resolve("good.jsonl"), """
                {"id": "a", "image": "1.png", "report": "Small left effusion. No pneumothorax.", "source": "generator-x"}
                {"id": "b", "image": "2.png", "report": "HALLAZGOS: Cardiomegalia."}
                """);
        Path out = dir.resolve("good-out.jsonl");
        assertThat(attach(in, out)).as(std.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode a = new ObjectMapper().readTree(lines.get(0));
        assertThat(a.get("source").asText()).isEqualTo("generator-x");
        assertThat(a.get("sentences")).hasSize(2);
        assertThat(std.err()).contains("2 grounded, 0 already");

        assertThat(attach(in, out)).isZero();
        assertThat(std.err()).contains("0 grounded, 2 already");
        assertThat(Files.readAllLines(out)).isEqualTo(lines);
    }

    @Test
    void badRowsAreReportedOneLineEachAndExitTwoWhileGoodRowsAreWritten() throws IOException {
        Path in = Files.writeString(dir.resolve("mixed.jsonl"), """
                {"id": "ok", "image": "1.png", "report": "Cardiomegaly."}
                {"id": "gone", "image": "nowhere.png", "report": "Cardiomegaly."}
                {"id": "blank", "image": "1.png", "report": ""}
                """);
        Path out = dir.resolve("mixed-out.jsonl");
        assertThat(attach(in, out)).isEqualTo(Main.EXIT_BAD_INPUT);
        List<String> stderr = std.err().lines().toList();
        assertThat(stderr).hasSize(3);
        assertThat(stderr.get(0))
                .contains("mixed.jsonl:2")
                .contains("(id gone)")
                .contains("nowhere.png");
        assertThat(stderr.get(1))
                .contains("mixed.jsonl:3")
                .contains("(id blank)")
                .contains("empty report");
        assertThat(stderr.get(2)).contains("1 grounded").contains("2 bad").contains("mixed-out.errors.jsonl");
        assertThat(Files.readAllLines(out)).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("mixed-out.errors.jsonl"))).hasSize(2);
    }

    @Test
    void aRunAfterACrashFinishesTheFileWithWholeLines() throws IOException {
        Path in = Files.writeString(dir.resolve("crash.jsonl"), """
                {"id": "c1", "image": "1.png", "report": "Right lower lobe consolidation."}
                {"id": "c2", "image": "2.png", "report": "No pleural effusion. Heart size is normal."}
                {"id": "c3", "image": "1.png", "report": "Multiple nodules."}
                """);
        Path complete = dir.resolve("complete.jsonl");
        assertThat(attach(in, complete)).isZero();
        List<String> expected = Files.readAllLines(complete);

        Path out = dir.resolve("crashed.jsonl");
        Files.writeString(out, expected.get(0) + "\n" + expected.get(1).substring(0, 25));
        assertThat(attach(in, out)).isZero();
        assertThat(std.err()).contains("2 grounded, 1 already");
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected);
    }
}

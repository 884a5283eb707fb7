package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach pipeline step: whole lines, bad rows set aside, resumable after a crash. */
class ReportAttacherTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Grounder grounder;

    @BeforeAll
    static void load() {
        grounder = Grounder.load(TinyCheckpoint.write(dir.resolve("model"), 0.0, 0.1));
    }

    @AfterAll
    static void close() {
        grounder.close();
    }

    static Path input(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("img"));
        TinyCheckpoint.png(folder.resolve("img/1.png"), 80, 64, 1);
        TinyCheckpoint.png(folder.resolve("img/2.png"), 64, 96, 2);
        return Files.writeString(
                folder.resolve("reports.jsonl"),
                String.join(
                                "\n",
                                "{\"id\": \"r1\", \"image\": \"img/1.png\", \"report\": \"FINDINGS: Small left effusion. No pneumothorax.\"}",
                                "{\"id\": \"r2\", \"image\": \"img/missing.png\", \"report\": \"Cardiomegaly.\"}",
                                "",
                                "{\"id\": \"r3\", \"image\": \"img/1.png\", \"report\": \"   \"}",
                                "{\"id\": \"r4\", \"study\": 7, \"image\": \"img/2.png\", \"report\": \"Derrame pleural. Sin neumotórax.\", \"model\": \"gen-1\"}",
                                "not json at all",
                                "{\"id\": \"r1\", \"image\": \"img/2.png\", \"report\": \"Duplicate.\"}")
                        + "\n");
    }

    @Test
    void groundsGoodRowsKeepsTheirKeysAndSetsBadRowsAside() throws IOException {
        Path in = input(dir.resolve("a"));
        Path out = dir.resolve("a/grounded.jsonl");
        List<ReportAttacher.Failure> failures = new ArrayList<>();
        ReportAttacher.Summary s = ReportAttacher.run(grounder, in, out, failures::add, ProgressListener.NONE);
        assertThat(s).isEqualTo(new ReportAttacher.Summary(2, 0, 4));

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode r4 = JSON.readTree(lines.get(1));
        List<String> keys = new ArrayList<>();
        r4.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "study", "image", "report", "model", "sentences");
        assertThat(r4.get("image").asText()).isEqualTo("img/2.png");
        JsonNode sentences = r4.get("sentences");
        assertThat(sentences).hasSize(2);
        assertThat(sentences.get(0).get("text").asText()).isEqualTo("Derrame pleural.");
        assertThat(sentences.get(1).get("start").asInt()).isEqualTo("Derrame pleural. ".length());
        for (JsonNode sentence : sentences) {
            assertThat(sentence.get("boxes").size())
                    .isEqualTo(sentence.get("scores").size());
            for (Iterator<JsonNode> b = sentence.get("boxes").elements(); b.hasNext(); ) {
                assertThat(b.next()).hasSize(4);
            }
        }
        assertThat(JSON.readTree(lines.get(0)).get("sentences")).hasSize(2);

        assertThat(failures).extracting(ReportAttacher.Failure::line).containsExactly(2, 4, 6, 7);
        assertThat(failures.get(0).reason()).contains("missing.png");
        assertThat(failures.get(1).reason()).contains("empty report");
        assertThat(failures.get(2).id()).isNull();
        assertThat(failures.get(3).reason()).contains("duplicate id \"r1\"");
        List<String> errors = Files.readAllLines(ReportAttacher.errorsFile(out));
        assertThat(errors).hasSize(4);
        assertThat(JSON.readTree(errors.get(0)).get("id").asText()).isEqualTo("r2");
        assertThat(JSON.readTree(errors.get(0)).get("error").asText()).contains("missing.png");
        assertThat(ReportAttacher.errorsFile(out).getFileName().toString()).isEqualTo("grounded.errors.jsonl");
    }

    @Test
    void aRunAfterACrashSkipsFinishedIdsAndRepairsTheHalfWrittenLine() throws IOException {
        Path in = input(dir.resolve("b"));
        Path complete = dir.resolve("b/complete.jsonl");
        ReportAttacher.run(grounder, in, complete, f -> {}, ProgressListener.NONE);
        List<String> expected = Files.readAllLines(complete);

        Path out = dir.resolve("b/grounded.jsonl");
        String partial = expected.get(1).substring(0, expected.get(1).length() / 2);
        Files.writeString(out, expected.get(0) + "\n" + partial); // the crash hit while r4 was written
        GrounderCounters before = grounder.counters();
        ReportAttacher.Summary s = ReportAttacher.run(grounder, in, out, f -> {}, ProgressListener.NONE);
        assertThat(s).isEqualTo(new ReportAttacher.Summary(1, 1, 4));
        assertThat(grounder.counters().imagesEncoded() - before.imagesEncoded())
                .as("r1 not grounded again")
                .isEqualTo(1);
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected);

        ReportAttacher.Summary again = ReportAttacher.run(grounder, in, out, f -> {}, ProgressListener.NONE);
        assertThat(again).isEqualTo(new ReportAttacher.Summary(0, 2, 4));
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(ReportAttacher.errorsFile(out)))
                .as("errors of the latest run only")
                .hasSize(4);
    }

    @Test
    void progressCountsInputLines() throws IOException {
        Path in = input(dir.resolve("c"));
        List<Long> done = new ArrayList<>();
        ReportAttacher.run(grounder, in, dir.resolve("c/out.jsonl"), f -> {}, (d, total) -> {
            assertThat(total).isEqualTo(6);
            done.add(d);
        });
        assertThat(done).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }
}

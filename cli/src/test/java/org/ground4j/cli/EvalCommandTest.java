package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground4j eval} end to end: files in, files and exit status out. */
class EvalCommandTest {

    private static final String GOLD = """
            {"id": "n1", "image": "a.png", "sentence": "No effusion.", "boxes": [], "category": "effusion"}
            {"id": "s1", "image": "a.png", "sentence": "Left effusion.", "boxes": [[0.5, 0.5, 1, 1]], "category": "effusion"}
            {"id": "s2", "image": "b.png", "sentence": "Nodule.", "boxes": [[0, 0, 0.5, 0.5]], "category": "nodule"}
            {"id": "m1", "image": "b.png", "sentence": "Bilateral effusions.", "boxes": [[0, 0.5, 0.5, 1], [0.5, 0.5, 1, 1]], "category": "effusion"}
            """;
    // n1 right, s1 right (0.9), s2 wrong box, m1 both boxes and a spurious 0.2 box that thresholds from 0.25 drop
    private static final String PRED = """
            {"id": "n1", "boxes": [], "scores": []}
            {"id": "s1", "boxes": [[0.5, 0.5, 1, 1]], "scores": [0.9]}
            {"id": "s2", "boxes": [[0.5, 0, 1, 0.5]], "scores": [0.7]}
            {"id": "m1", "boxes": [[0, 0.5, 0.5, 1], [0.5, 0.5, 1, 1], [0.2, 0.2, 0.3, 0.3]], "scores": [0.8, 0.6, 0.2]}
            """;

    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private int eval(Path gold, Path pred, Path outDir) {
        return Main.run("eval", "--gold", gold.toString(), "--pred", pred.toString(), "--out", outDir.toString());
    }

    @Test
    void goodInputWritesMetricsReportAndChartsAndExitsZero() throws Exception {
        Path outDir = dir.resolve("out");
        int status = eval(write("gold.jsonl", GOLD), write("pred.jsonl", PRED), outDir);

        assertThat(status).as(std.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(outDir.resolve("metrics.json").toFile());
        assertThat(m.get("groups").get("no").get("n_acc").asDouble()).isEqualTo(1.0);
        assertThat(m.get("groups").get("single").get("p_at_f1_1").asDouble()).isEqualTo(0.5);
        assertThat(m.get("groups").get("multi").get("p_at_f1_1").asDouble()).isZero();
        assertThat(m.get("groups").get("overall").get("p_at_f1_1").asDouble()).isEqualTo(0.5);
        // m1: mask IoU 0.5 / 0.51 with the spurious box, 1 without it
        assertThat(m.get("groups").get("multi").get("miou").asDouble()).isCloseTo(0.5 / 0.51, within(1e-12));
        assertThat(m.get("by_category").get("effusion").get("n").asInt()).isEqualTo(3);
        assertThat(m.get("threshold_sweep")).hasSize(19);
        JsonNode at025 = m.get("threshold_sweep").get(4);
        assertThat(at025.get("threshold").asDouble()).isEqualTo(0.25);
        assertThat(at025.get("best").asBoolean()).isTrue();
        assertThat(at025.get("groups").get("multi").get("miou").asDouble()).isEqualTo(1.0);
        assertThat(at025.get("groups").get("overall").get("p_at_f1_1").asDouble())
                .isEqualTo(0.75);
        assertThat(m.get("warnings")).isEmpty();

        String report = Files.readString(outDir.resolve("report.md"));
        assertThat(report).contains("| **Predictions** | **N-Acc** |", "| 100.0 | 50.0 |", "## By category");
        for (String png : new String[] {"groups.png", "threshold_sweep.png", "categories.png"}) {
            assertThat(ImageIO.read(outDir.resolve(png).toFile())).as(png).isNotNull();
        }
        String stdout = std.out();
        assertThat(stdout)
                .contains(
                        "group           n  P@F1=1",
                        "overall         4    50.0",
                        "best threshold 0.25 (overall P@F1=1 75.0)",
                        "wrote " + outDir.resolve("metrics.json"));
    }

    @Test
    void malformedLineExitsTwoNamingFileAndLine() throws Exception {
        Path pred = write("pred.jsonl", PRED.replace("{\"id\": \"s2\"", "{\"id\": \"s2\" oops"));
        int status = eval(write("gold.jsonl", GOLD), pred, dir.resolve("out"));
        assertThat(status).isEqualTo(2);
        assertThat(std.err()).startsWith("ground4j eval: " + pred + ":3: malformed JSON");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void emptyFileAndBoxOutsideTheImageExitTwo() throws Exception {
        Path gold = write("gold.jsonl", GOLD);
        assertThat(eval(gold, write("empty.jsonl", ""), dir.resolve("out"))).isEqualTo(2);
        assertThat(std.err()).contains(dir.resolve("empty.jsonl") + ": empty prediction file");
        std.reset();
        Path outside = write("outside.jsonl", "{\"id\": \"s1\", \"boxes\": [[0.5, 0.5, 1.2, 1]]}\n");
        assertThat(eval(gold, outside, dir.resolve("out"))).isEqualTo(2);
        assertThat(std.err()).contains(outside + ":1: box 0").contains("outside [0,1]");
    }

    @Test
    void shuffledPredictionsAddTheImageAblation() throws Exception {
        // s1 and m1 lose their boxes on the other image, n1 stays empty, s2 stays wrong
        Path shuffled = write("shuffled.jsonl", """
                {"id": "n1", "image": "b.png", "boxes": [], "scores": []}
                {"id": "s1", "image": "b.png", "boxes": [[0, 0, 0.2, 0.2]], "scores": [0.9]}
                {"id": "s2", "image": "a.png", "boxes": [[0.5, 0, 1, 0.5]], "scores": [0.7]}
                {"id": "m1", "image": "a.png", "boxes": [[0, 0.5, 0.5, 1]], "scores": [0.8]}
                """);
        Path outDir = dir.resolve("out");
        int status = Main.run(
                "eval",
                "--gold",
                write("gold.jsonl", GOLD).toString(),
                "--pred",
                write("pred.jsonl", PRED).toString(),
                "--shuffled",
                shuffled.toString(),
                "--out",
                outDir.toString());
        assertThat(status).as(std.err()).isZero();
        JsonNode a = new ObjectMapper()
                .readTree(outDir.resolve("metrics.json").toFile())
                .get("image_ablation");
        assertThat(a.get("overall").get("p_at_f1_1_real").asDouble()).isEqualTo(0.5); // n1, s1
        assertThat(a.get("overall").get("p_at_f1_1_shuffled").asDouble()).isEqualTo(0.25); // n1
        assertThat(a.get("overall").get("p_at_f1_1_drop").asDouble()).isEqualTo(0.25);
        assertThat(a.get("single").get("p_at_f1_1_drop").asDouble()).isEqualTo(0.5);
        assertThat(a.get("no").get("p_at_f1_1_drop").asDouble()).isZero();
        assertThat(a.get("no").get("miou_drop").isNull()).isTrue();
        assertThat(a.get("free").get("n").asInt()).isEqualTo(1); // s2, a nodule: wrong either way
        assertThat(a.get("free").get("p_at_f1_1_drop").asDouble()).isZero();
        assertThat(a.get("anchored").get("n").asInt()).isZero(); // "effusion" is not a SynthCXR label
        assertThat(a.get("anchored").get("p_at_f1_1_real").isNull()).isTrue();
        assertThat(std.out()).contains("image ablation", "overall         4    50.0     25.0   +25.0");
    }

    @Test
    void shuffledPredictionsForIdsNotInGoldExitTwoWithOneLine() throws Exception {
        Path shuffled = write("shuffled.jsonl", PRED.replace("\"s2\"", "\"zz\""));
        Path outDir = dir.resolve("out");
        int status = Main.run(
                "eval",
                "--gold",
                write("gold.jsonl", GOLD).toString(),
                "--pred",
                write("pred.jsonl", PRED).toString(),
                "--shuffled",
                shuffled.toString(),
                "--out",
                outDir.toString());
        assertThat(status).isEqualTo(2);
        assertThat(std.err().strip())
                .startsWith("ground4j eval: " + shuffled + ": 1 id(s) not in gold")
                .contains("(zz)")
                .doesNotContain("\n");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void missingOptionIsAUsageErrorWithExitTwo() {
        assertThat(Main.run("eval", "--gold", "g.jsonl")).isEqualTo(2);
        assertThat(std.err()).contains("Missing required options");
    }
}

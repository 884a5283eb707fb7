package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.ground4j.core.viz.Overlay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground4j ground} end to end on an untrained tiny checkpoint. */
class GroundCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path image;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @BeforeAll
    static void fixtures() throws IOException {
        model = GroundingFixtures.checkpoint(dir.resolve("model"), 0.0);
        image = GroundingFixtures.png(dir.resolve("cxr.png"), 80, 64, 1);
    }

    private String stdout() {
        return std.out();
    }

    private String stderr() {
        return std.err();
    }

    @Test
    void oneImagePrintsEverySentencesBoxesAndDrawsThemInTheirOwnColours() throws IOException {
        Path png = dir.resolve("overlay.png");
        int status = Main.run(
                "ground",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--text",
                "FINDINGS: Small left effusion. No pneumothorax.",
                "--overlay",
                png.toString());
        assertThat(status).as(stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertThat(json.get("image").asText()).isEqualTo(image.toString());
        assertThat(json.get("width").asInt()).isEqualTo(80);
        assertThat(json.get("height").asInt()).isEqualTo(64);
        JsonNode sentences = json.get("sentences");
        assertThat(sentences).hasSize(2);
        assertThat(sentences.get(0).get("text").asText()).isEqualTo("Small left effusion.");
        assertThat(sentences.get(0).get("start").asInt()).isEqualTo(10);
        for (JsonNode s : sentences) {
            assertThat(s.get("boxes")).isNotEmpty();
            assertThat(s.get("scores")).hasSameSizeAs(s.get("boxes"));
            for (JsonNode box : s.get("boxes")) {
                assertThat(box).hasSize(4);
                box.forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
            }
        }
        BufferedImage drawn = ImageIO.read(png.toFile());
        assertThat(drawn.getWidth()).isEqualTo(1024);
        assertThat(drawn.getHeight()).isGreaterThan(1024 * 64 / 80); // the legend is below the image
        int[] rgb = drawn.getRGB(0, 0, drawn.getWidth(), drawn.getHeight(), null, 0, drawn.getWidth());
        for (int i = 0; i < 2; i++) {
            int colour = Overlay.colour(i).getRGB();
            assertThat(Arrays.stream(rgb).filter(p -> p == colour).count())
                    .as("pixels of sentence %d's colour", i)
                    .isGreaterThan(100);
        }
    }

    @Test
    void aReportFileGivesWhatTheSameTextGivesAndTheThresholdCanBeRaised() throws IOException {
        String text = "Cardiomegaly.\nHALLAZGOS: Derrame pleural bilateral.";
        Path report = Files.writeString(dir.resolve("report.txt"), text);
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--image",
                        image.toString(),
                        "--report",
                        report.toString()))
                .as(stderr())
                .isZero();
        String fromFile = stdout();
        std.reset();
        assertThat(Main.run("ground", "--model", model.toString(), "--image", image.toString(), "--text", text))
                .isZero();
        assertThat(stdout()).isEqualTo(fromFile);
        std.reset();
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--image",
                        image.toString(),
                        "--text",
                        text,
                        "--threshold",
                        "1"))
                .isZero();
        for (JsonNode s : new ObjectMapper().readTree(stdout()).get("sentences")) {
            assertThat(s.get("boxes")).isEmpty();
        }
        // the tiny model keeps every box (threshold 0); a relative threshold keeps those near each sentence's best
        std.reset();
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--image",
                        image.toString(),
                        "--text",
                        text,
                        "--relative-threshold",
                        "0.99"))
                .isZero();
        JsonNode all = new ObjectMapper().readTree(fromFile).get("sentences");
        JsonNode near = new ObjectMapper().readTree(stdout()).get("sentences");
        for (int i = 0; i < all.size(); i++) {
            double best = all.get(i).get("scores").get(0).asDouble();
            assertThat(near.get(i).get("scores"))
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(all.get(i).get("scores").size())
                    .allSatisfy(x -> assertThat(x.asDouble()).isGreaterThanOrEqualTo(0.99 * best));
        }
    }

    @Test
    void batchPredictionsAreReadByEvalDirectly() throws IOException {
        Files.createDirectories(dir.resolve("data/images"));
        GroundingFixtures.png(dir.resolve("data/images/a.png"), 80, 64, 2);
        GroundingFixtures.png(dir.resolve("data/images/b.png"), 64, 80, 3);
        Path samples = Files.writeString(dir.resolve("data/samples.jsonl"), """
                {"id": "s1", "image": "images/a.png", "sentence": "Left effusion.", "boxes": [[0.5, 0.5, 1, 1]], "category": "effusion", "lang": "en"}
                {"id": "s2", "image": "images/b.png", "sentence": "Sin neumotórax.", "boxes": [], "category": "pneumothorax", "lang": "es"}
                {"id": "s3", "image": "images/a.png", "sentence": "Multiple nodules.", "boxes": [[0, 0, 0.2, 0.2], [0.6, 0.1, 0.8, 0.3]], "category": "nodule"}
                """);
        Path preds = dir.resolve("out/preds.jsonl");
        int status = Main.run(
                "ground",
                "--model",
                model.toString(),
                "--input",
                samples.toString(),
                "--output",
                preds.toString(),
                "--progress");
        assertThat(status).as(stderr()).isZero();
        assertThat(stderr()).contains("3/3 sentences 100%").contains("grounded 3 sentences on 2 images");
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(preds).get(0));
        assertThat(first.get("category").asText()).isEqualTo("effusion");
        assertThat(first.get("lang").asText()).isEqualTo("en");
        assertThat(first.get("scores")).hasSameSizeAs(first.get("boxes"));

        Path evalDir = dir.resolve("out/eval");
        assertThat(Main.run(
                        "eval", "--gold", samples.toString(), "--pred", preds.toString(), "--out", evalDir.toString()))
                .as(stderr())
                .isZero();
        JsonNode metrics =
                new ObjectMapper().readTree(evalDir.resolve("metrics.json").toFile());
        assertThat(metrics.get("groups").get("overall").get("n").asInt()).isEqualTo(3);
    }

    @Test
    void shuffledImagesGiveTheImageAblationInEval() throws IOException {
        Files.createDirectories(dir.resolve("abl/images"));
        GroundingFixtures.png(dir.resolve("abl/images/a.png"), 80, 64, 4);
        GroundingFixtures.png(dir.resolve("abl/images/b.png"), 64, 80, 5);
        GroundingFixtures.png(dir.resolve("abl/images/c.png"), 64, 64, 6);
        Path samples = Files.writeString(dir.resolve("abl/samples.jsonl"), """
                {"id": "s1", "image": "images/a.png", "sentence": "Left effusion.", "boxes": [[0.5, 0.5, 1, 1]], "category": "pleural effusion"}
                {"id": "s2", "image": "images/b.png", "sentence": "No pneumothorax.", "boxes": [], "category": "negation"}
                {"id": "s3", "image": "images/c.png", "sentence": "Right nodule.", "boxes": [[0, 0, 0.2, 0.2]], "category": "nodule"}
                {"id": "s4", "image": "images/a.png", "sentence": "Cardiomegaly.", "boxes": [[0.3, 0.4, 0.7, 0.8]], "category": "cardiomegaly"}
                """);
        Path preds = dir.resolve("abl/out/preds.jsonl");
        Path shuffled = dir.resolve("abl/out/shuffled.jsonl");
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        preds.toString()))
                .as(stderr())
                .isZero();
        std.reset();
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        shuffled.toString(),
                        "--shuffle-images",
                        "11"))
                .as(stderr())
                .isZero();
        assertThat(stderr()).contains("grounded 4 sentences on 3 images, each on another study's image (seed 11)");
        ObjectMapper json = new ObjectMapper();
        List<String> real = Files.readAllLines(preds);
        List<String> other = Files.readAllLines(shuffled);
        for (int i = 0; i < real.size(); i++) {
            JsonNode r = json.readTree(real.get(i));
            JsonNode o = json.readTree(other.get(i));
            assertThat(o.get("id")).isEqualTo(r.get("id"));
            assertThat(o.get("image").asText())
                    .as("the image it was grounded on")
                    .isNotEqualTo(r.get("image").asText());
        }
        assertThat(json.readTree(other.get(0)).get("image"))
                .isEqualTo(json.readTree(other.get(3)).get("image"));

        std.reset();
        Path evalDir = dir.resolve("abl/eval");
        assertThat(Main.run(
                        "eval",
                        "--gold",
                        samples.toString(),
                        "--pred",
                        preds.toString(),
                        "--shuffled",
                        shuffled.toString(),
                        "--out",
                        evalDir.toString()))
                .as(stderr())
                .isZero();
        JsonNode ablation =
                json.readTree(evalDir.resolve("metrics.json").toFile()).get("image_ablation");
        assertThat(ablation.get("overall").get("n").asInt()).isEqualTo(4);
        assertThat(ablation.get("anchored").get("n").asInt()).isEqualTo(2);
        assertThat(ablation.get("free").get("n").asInt()).isEqualTo(1);
        JsonNode overall = ablation.get("overall");
        assertThat(overall.get("p_at_f1_1_drop").asDouble())
                .isEqualTo(overall.get("p_at_f1_1_real").asDouble()
                        - overall.get("p_at_f1_1_shuffled").asDouble());
        assertThat(stdout())
                .contains(
                        "image ablation (real image, shuffled image, drop = real - shuffled):",
                        "anchored        2",
                        "free            1");
        assertThat(Files.readString(evalDir.resolve("report.md"))).contains("## Image ablation", shuffled.toString());
        assertThat(evalDir.resolve("image_ablation.png")).exists();
    }

    @Test
    void badInputExitsTwoWithOneLineNamingIt() throws IOException {
        Path missingModel = dir.resolve("no-model");
        assertBadInput(
                missingModel.toString(),
                "ground",
                "--model",
                missingModel.toString(),
                "--image",
                image.toString(),
                "--text",
                "Cardiomegaly.");

        Path cut = GroundingFixtures.checkpoint(dir.resolve("cut"), 0.5);
        byte[] w = Files.readAllBytes(cut.resolve("weights.safetensors"));
        Files.write(cut.resolve("weights.safetensors"), Arrays.copyOf(w, w.length / 2));
        assertBadInput(
                "weights.safetensors",
                "ground",
                "--model",
                cut.toString(),
                "--image",
                image.toString(),
                "--text",
                "Cardiomegaly.");

        Path corrupt = Files.write(dir.resolve("corrupt.png"), "not an image".getBytes(StandardCharsets.UTF_8));
        assertBadInput(
                corrupt.toString(),
                "ground",
                "--model",
                model.toString(),
                "--image",
                corrupt.toString(),
                "--text",
                "Cardiomegaly.");
        assertBadInput(
                "empty report", "ground", "--model", model.toString(), "--image", image.toString(), "--text", " ");
        assertBadInput("--image", "ground", "--model", model.toString(), "--image", image.toString());
        assertBadInput(
                "[0,1]",
                "ground",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--text",
                "Cardiomegaly.",
                "--threshold",
                "1.5");
        assertBadInput(
                "relative threshold must lie in [0,1], got 2.0",
                "ground",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--text",
                "Cardiomegaly.",
                "--relative-threshold",
                "2");
        assertBadInput(
                "--shuffle-images needs a batch",
                "ground",
                "--model",
                model.toString(),
                "--image",
                image.toString(),
                "--text",
                "Cardiomegaly.",
                "--shuffle-images",
                "1");
        Path oneImage = Files.writeString(dir.resolve("one-image.jsonl"), """
                {"id": "x1", "image": "cxr.png", "sentence": "Cardiomegaly.", "boxes": []}
                {"id": "x2", "image": "cxr.png", "sentence": "No effusion.", "boxes": []}
                """);
        assertBadInput(
                oneImage + ": cannot ground on another study's image: shuffling images needs at least two "
                        + "distinct images, got 1",
                "ground",
                "--model",
                model.toString(),
                "--input",
                oneImage.toString(),
                "--output",
                dir.resolve("one-image-out.jsonl").toString(),
                "--shuffle-images",
                "1");
        assertThat(dir.resolve("one-image-out.jsonl")).doesNotExist();
    }

    private void assertBadInput(String named, String... args) {
        std.reset();
        std.reset();
        assertThat(Main.run(args)).as(stderr()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(stderr().strip()).contains(named).doesNotContain("\n");
        assertThat(stdout()).isEmpty();
    }
}

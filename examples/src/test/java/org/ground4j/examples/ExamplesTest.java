package org.ground4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program's main on an untrained tiny checkpoint (threshold 0, so boxes come out). */
class ExamplesTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path image;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeAll
    static void fixtures() throws IOException {
        ModelConfig cfg = ModelConfig.tiny(148);
        byte[] tokenizer;
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/tokenizer.json")) {
            tokenizer = in.readAllBytes();
        }
        model = dir.resolve("model");
        CheckpointIO.save(
                model,
                new Checkpoint(
                        cfg,
                        ModelInit.init(cfg, 3),
                        tokenizer,
                        new InferenceSettings(0.0, 0.1),
                        Map.of("purpose", "examples test"),
                        null,
                        null));
        BufferedImage img = new BufferedImage(120, 96, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 120; x++) {
                img.getRaster().setSample(x, y, 0, (x * x + 3 * y) % 256);
            }
        }
        image = dir.resolve("cxr.png");
        ImageIO.write(img, "png", image.toFile());
    }

    @BeforeEach
    void capture() {
        saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(saved);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEmbeddedApplicationAnswersEachRequestWithBoxesInPixels() throws Exception {
        EmbedInApplication.main(
                new String[] {model.toString(), image.toString(), "Left lower lobe consolidation.", "No pneumothorax."
                });
        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Left lower lobe consolidation. -> [PixelBox[");
        Matcher m = Pattern.compile("PixelBox\\[x1=(\\d+), y1=(\\d+), x2=(\\d+), y2=(\\d+)")
                .matcher(printed());
        int boxes = 0;
        while (m.find()) {
            boxes++;
            assertThat(Integer.parseInt(m.group(3))).isBetween(Integer.parseInt(m.group(1)), 120);
            assertThat(Integer.parseInt(m.group(4))).isBetween(Integer.parseInt(m.group(2)), 96);
        }
        assertThat(boxes).isGreaterThanOrEqualTo(2);
    }

    @Test
    void groundingOneReportPrintsEachSentenceAndWritesTheOverlay() throws IOException {
        Path overlay = dir.resolve("overlay.png");
        GroundOneReport.main(new String[] {model.toString(), image.toString(), overlay.toString()});
        String text = printed();
        assertThat(text)
                .contains("(120 x 96 px)")
                .contains("Small right pleural effusion.")
                .contains("Cardiomegalia.")
                .contains("box x ")
                .contains("overlay written to");
        JsonNode json = new ObjectMapper().readTree(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
        assertThat(json.get("sentences")).hasSize(5);
        assertThat(json.get("sentences").get(1).get("text").asText())
                .isEqualTo("Left lower zone opacity, approx. 3.5 cm.");
        assertThat(ImageIO.read(overlay.toFile()).getWidth()).isEqualTo(1024);
    }

    @Test
    void thePipelineStepAppendsSentencesToEveryStudyAndResumes() throws IOException {
        Path in = Files.writeString(dir.resolve("reports.jsonl"), """
                {"id": "st1", "image": "cxr.png", "report": "Cardiomegaly. No pneumothorax.", "generator": "g1"}
                {"id": "st2", "image": "cxr.png", "report": "Derrame pleural derecho."}
                """);
        Path output = dir.resolve("grounded.jsonl");
        JsonlPipelineStep.main(new String[] {model.toString(), in.toString(), output.toString()});
        assertThat(printed()).contains("2 of 2 studies").contains("2 studies grounded, 0 already done, 0 bad");
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("generator").asText()).isEqualTo("g1");
        assertThat(first.get("sentences")).hasSize(2);
        out.reset();
        JsonlPipelineStep.main(new String[] {model.toString(), in.toString(), output.toString()});
        assertThat(printed()).contains("0 studies grounded, 2 already done, 0 bad");
        assertThat(Files.readAllLines(output)).isEqualTo(lines);
    }
}

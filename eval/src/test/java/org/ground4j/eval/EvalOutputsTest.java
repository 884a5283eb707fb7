package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ground4j.core.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalOutputsTest {

    @TempDir
    Path dir;

    @Test
    void writesMetricsReportAndReadableCharts() throws Exception {
        Evaluation ev =
                EvalFiles.evaluate(ExampleFilesTest.example("gold.jsonl"), ExampleFilesTest.example("pred.jsonl"));
        Path out = dir.resolve("nested/eval");
        List<Path> written = EvalOutputs.write(ev, out, "gold.jsonl", "pred.jsonl");
        assertThat(written)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("metrics.json", "report.md", "groups.png", "threshold_sweep.png", "categories.png");
        assertThat(Files.readString(out.resolve("metrics.json"))).isEqualTo(MetricsJson.render(ev) + "\n");
        assertThat(Files.readString(out.resolve("report.md")))
                .isEqualTo(MarkdownReport.render(ev, "gold.jsonl", "pred.jsonl", EvalCharts.ALL));
        for (String png : List.of(EvalCharts.GROUPS, EvalCharts.SWEEP, EvalCharts.CATEGORIES)) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1000);
            assertThat(image.getHeight()).isEqualTo(600);
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary files left")
                    .containsExactlyInAnyOrder(
                            "metrics.json", "report.md", "groups.png", "threshold_sweep.png", "categories.png");
        }
    }

    @Test
    void anImageAblationAddsItsChartAndSectionsAndGoesAwayWithout() throws Exception {
        Evaluation real = Evaluator.evaluate(ImageAblationTest.gold(), ImageAblationTest.real());
        ImageAblation ablation =
                ImageAblation.of(real, Evaluator.evaluate(ImageAblationTest.gold(), ImageAblationTest.shuffled()));
        List<Path> written = EvalOutputs.write(real, ablation, dir, "g", "p", "s");
        assertThat(written)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("metrics.json", "report.md", "groups.png", "image_ablation.png", "categories.png");
        assertThat(ImageIO.read(dir.resolve(EvalCharts.ABLATION).toFile())).isNotNull();
        assertThat(Files.readString(dir.resolve("metrics.json"))).isEqualTo(MetricsJson.render(real, ablation) + "\n");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("## Image ablation");

        EvalOutputs.write(real, dir, "g", "p");
        assertThat(dir.resolve(EvalCharts.ABLATION)).doesNotExist();
        assertThat(Files.readString(dir.resolve("metrics.json"))).doesNotContain("image_ablation");
    }

    @Test
    void chartsThatNoLongerApplyAreRemoved() throws Exception {
        Evaluation withAll =
                EvalFiles.evaluate(ExampleFilesTest.example("gold.jsonl"), ExampleFilesTest.example("pred.jsonl"));
        EvalOutputs.write(withAll, dir, "g", "p");
        Evaluation plain = Evaluator.evaluate(List.of(Sample.gold("a", null, null, List.of())), List.of());
        List<Path> written = EvalOutputs.write(plain, dir, "g", "p");
        assertThat(written)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("metrics.json", "report.md", "groups.png");
        assertThat(dir.resolve(EvalCharts.SWEEP)).doesNotExist();
        assertThat(dir.resolve(EvalCharts.CATEGORIES)).doesNotExist();
    }
}

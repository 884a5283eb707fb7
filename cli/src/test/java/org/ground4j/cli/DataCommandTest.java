package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.data.weak.WeakJsonl;
import org.ground4j.core.data.weak.WeakSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground4j data convert | stats | clean-weak} end to end through {@link Main#run}. */
class DataCommandTest {

    private static final String MS_CXR = """
            dicom_id,category_name,label_text,path,x,y,w,h,image_width,image_height,split
            fake-0001,Pleural Effusion,small left pleural effusion,files/p10/p10000001/s1/fake-0001.jpg,300,500,200,150,1000,800,train
            fake-0002,Pneumonia,"bilateral opacities, worse on the right",files/p10/p10000002/s2/fake-0002.jpg,100,200,300,400,1200,1000,test
            fake-0002,Pneumonia,"bilateral opacities, worse on the right",files/p10/p10000002/s2/fake-0002.jpg,700,250,350,380,1200,1000,test
            fake-0003,Edema,pulmonary edema,files/p10/p10000003/s3/fake-0003.jpg,800,100,300,300,900,900,test
            """;

    private static final String PADCHEST = """
            [{"ImageID": "a.png", "findings": [
               {"sentence_en": "Left effusion.", "sentence_es": "Derrame izquierdo.", "boxes": [[0.5, 0.5, 0.9, 0.9]],
                "labels": ["pleural effusion"]},
               {"sentence_en": "No pneumothorax.", "sentence_es": "Sin neumotórax.", "boxes": []}]},
             {"ImageID": "gone.png", "findings": [{"sentence_en": "x", "sentence_es": "x", "boxes": []}]}]
            """;

    private static final String SCENE_GRAPH = """
            {"image_id": "fake-0101", "patient_id": "10000101", "study_id": "50000101",
             "objects": [
               {"bbox_name": "left lung", "original_x1": 400, "original_y1": 100, "original_x2": 750, "original_y2": 900},
               {"bbox_name": "left lower lung zone", "original_x1": 400, "original_y1": 600, "original_x2": 750, "original_y2": 900}],
             "attributes": [
               {"bbox_name": "left lung", "phrases": ["Left lower lobe consolidation.", "No pneumothorax."],
                "phrase_IDs": ["1", "2"], "attributes": [["anatomicalfinding|yes|consolidation"], ["anatomicalfinding|no|pneumothorax"]]},
               {"bbox_name": "left lower lung zone", "phrases": ["Left lower lobe consolidation."], "phrase_IDs": ["1"],
                "attributes": [["anatomicalfinding|yes|consolidation"]]}]}
            """;

    @TempDir
    Path dir;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    private String stdout() {
        return std.out();
    }

    @Test
    void convertMsCxrReportsProblemsAndStatsCountsTheGroups() throws IOException {
        Path csv = Files.writeString(dir.resolve("ms.csv"), MS_CXR);
        Path samples = dir.resolve("out/samples.jsonl");
        assertThat(Main.run(
                        "data", "convert", "--format", "ms-cxr", "--in", csv.toString(), "--out", samples.toString()))
                .isZero();
        assertThat(stdout())
                .contains("wrote 2 samples to")
                .contains("problems: 1 (1 bad box)")
                .contains("pulmonary edema");
        assertThat(SampleJsonl.read(samples)).extracting(Sample::id).containsExactly("fake-0001#0", "fake-0002#0");
        assertThat(Files.readString(dir.resolve("out/samples.problems.tsv")))
                .startsWith("kind\tfile\trecord\treason\n")
                .contains("bad box\t");

        std.reset();
        assertThat(Main.run("data", "stats", samples.toString())).isZero();
        assertThat(stdout())
                .contains("samples        2 sentences on 2 images")
                .containsPattern("no +0 +0\\.0 %")
                .containsPattern("single +1 +50\\.0 %")
                .containsPattern("multi +1 +50\\.0 %")
                .contains("1.50 per sentence")
                .contains("Pneumonia")
                .contains("languages      en 2");
    }

    @Test
    void convertPadChestWritesImagePathsRelativeToTheOutput() throws IOException {
        Path root = Files.createDirectories(dir.resolve("padchest"));
        Files.writeString(root.resolve("grounded_reports_20240819.json"), PADCHEST);
        Files.createDirectories(root.resolve("images_grounding"));
        ImageIO.write(
                new BufferedImage(20, 30, BufferedImage.TYPE_USHORT_GRAY),
                "png",
                root.resolve("images_grounding/a.png").toFile());
        Path samples = dir.resolve("converted/pc.jsonl");
        assertThat(Main.run(
                        "data",
                        "convert",
                        "--format",
                        "padchest-gr",
                        "--in",
                        root.toString(),
                        "--out",
                        samples.toString(),
                        "--lang",
                        "es"))
                .isZero();
        List<Sample> read = SampleJsonl.read(samples);
        assertThat(read).extracting(Sample::sentence).containsExactly("Derrame izquierdo.", "Sin neumotórax.");
        assertThat(read.get(0).image()).isEqualTo("../padchest/images_grounding/a.png");
        assertThat(samples.getParent().resolve(read.get(0).image())).exists();
        assertThat(stdout()).contains("coordinates: normalised").contains("1 missing image");
    }

    @Test
    void convertImaGenomeThenCleanWeak() throws IOException {
        Path graphs = Files.createDirectories(dir.resolve("scene_graph"));
        Files.writeString(graphs.resolve("fake-0101_SceneGraph.json"), SCENE_GRAPH);
        Path meta = Files.writeString(dir.resolve("meta.csv"), "dicom_id,Rows,Columns\nfake-0101,1000,800\n");
        Path weak = dir.resolve("weak.jsonl");
        assertThat(Main.run(
                        "data",
                        "convert",
                        "--format",
                        "imagenome",
                        "--in",
                        graphs.toString(),
                        "--metadata",
                        meta.toString(),
                        "--out",
                        weak.toString()))
                .isZero();
        assertThat(Files.readString(weak)).contains("\"regions\":[\"left lung\",\"left lower lung zone\"]");

        std.reset();
        Path clean = dir.resolve("clean.jsonl");
        assertThat(Main.run("data", "clean-weak", "--in", weak.toString(), "--out", clean.toString()))
                .isZero();
        assertThat(stdout())
                .contains("boxes    3 in, 1 out")
                .containsPattern("1 +boxes dropped because a more specific region")
                .containsPattern("1 +sentences whose findings are all negated");
        List<WeakSample> cleaned = WeakJsonl.read(clean);
        assertThat(cleaned.get(0).regions()).containsExactly("left lower lung zone");
        assertThat(cleaned.get(1).sample().boxes()).isEmpty();
        assertThat(Files.readString(dir.resolve("clean.report.json"))).contains("\"parent_region_dropped\"");
    }

    @Test
    void unknownFormatAndMissingInputAreBadInput() {
        assertThat(Main.run(
                        "data",
                        "convert",
                        "--format",
                        "chexpert",
                        "--in",
                        "x",
                        "--out",
                        dir.resolve("o.jsonl").toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(std.err()).contains("--format must be padchest-gr, ms-cxr");
        assertThat(Main.run("data", "stats", dir.resolve("none.jsonl").toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(std.err()).contains("none.jsonl: no such file");
    }

    @Test
    void dataAloneListsItsSubcommands() {
        assertThat(Main.run("data")).isZero();
        assertThat(stdout()).contains("convert").contains("stats").contains("clean-weak");
    }
}

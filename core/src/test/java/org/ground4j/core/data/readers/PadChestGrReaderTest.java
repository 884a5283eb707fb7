package org.ground4j.core.data.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PadChestGrReaderTest {

    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void dataset() throws IOException {
        root = Fixtures.copy("padchest-gr", tmp);
        Path images = root.resolve("images_grounding");
        Fixtures.png16(images.resolve("fake_study_001.png"), 40, 50);
        Fixtures.png16(images.resolve("fake_study_002.png"), 64, 64);
        Fixtures.png16(images.resolve("fake_study_004.png"), 30, 30);
        Files.writeString(images.resolve("fake_study_005.png"), "not a png");
    }

    private static Sample byId(List<Sample> samples, String id) {
        return samples.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void readsEveryUsableFindingAsOneSample() {
        ReadResult<Sample> r = PadChestGrReader.read(root, PadChestGrReader.Options.DEFAULT);
        assertThat(r.records())
                .extracting(Sample::id)
                .containsExactly(
                        "fake_study_001.png#0",
                        "fake_study_001.png#1",
                        "fake_study_001.png#2",
                        "fake_study_002.png#0",
                        "fake_study_002.png#1",
                        "fake_study_002.png#5",
                        "fake_study_004.png#0");
        Sample multi = byId(r.records(), "fake_study_001.png#1");
        assertThat(multi.boxes()).containsExactly(new Box(0.2, 0.35, 0.4, 0.5), new Box(0.6, 0.35, 0.8, 0.5));
        assertThat(multi.sentence()).isEqualTo("Bilateral hilar enlargement.");
        assertThat(multi.category()).isEqualTo("hilar enlargement");
        assertThat(multi.lang()).isEqualTo("en");
        assertThat(multi.image())
                .isEqualTo(root.resolve("images_grounding/fake_study_001.png")
                        .toAbsolutePath()
                        .normalize()
                        .toString());
    }

    @Test
    void findingWithoutBoxesIsAZeroBoxSampleNotSkipped() {
        ReadResult<Sample> r = PadChestGrReader.read(root, PadChestGrReader.Options.DEFAULT);
        assertThat(byId(r.records(), "fake_study_001.png#2").boxes()).isEmpty();
        assertThat(byId(r.records(), "fake_study_002.png#0").boxes()).isEmpty();
    }

    @Test
    void everyUnusableRecordIsReportedWithFileRecordAndReason() {
        ReadResult<Sample> r = PadChestGrReader.read(root, PadChestGrReader.Options.DEFAULT);
        assertThat(r.problemCounts())
                .isEqualTo(Map.of(
                        ReadProblem.Kind.MISSING_IMAGE,
                        1,
                        ReadProblem.Kind.UNREADABLE_IMAGE,
                        1,
                        ReadProblem.Kind.MALFORMED_RECORD,
                        2,
                        ReadProblem.Kind.BAD_BOX,
                        2,
                        ReadProblem.Kind.DUPLICATE,
                        1));
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.MISSING_IMAGE);
            assertThat(p.record()).isEqualTo("ImageID fake_study_003.png");
            assertThat(p.file()).endsWith("grounded_reports_20240819.json");
        });
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.record()).isEqualTo("ImageID fake_study_002.png, finding 3");
            assertThat(p.reason()).contains("inverted");
        });
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.reason()).contains("no \"sentence_en\""));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.record()).isEqualTo("study 5"));
    }

    @Test
    void coordinatesAreCheckedAndNoted() {
        ReadResult<Sample> r = PadChestGrReader.read(root, PadChestGrReader.Options.DEFAULT);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("coordinates: normalised"));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("1 boxes reached just past"));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("\"extra_boxes\" present on 1 findings"));
        assertThat(byId(r.records(), "fake_study_002.png#5").boxes()).containsExactly(new Box(0, 0.5, 0.5, 1));
        assertThat(byId(r.records(), "fake_study_002.png#5").category()).isEqualTo("cardiomegaly, aortic elongation");
    }

    @Test
    void pixelCoordinatesAreDetectedAndNormalisedByEachImagesSize() {
        Path px = Fixtures.copy("padchest-gr-pixels", tmp);
        Fixtures.png16(px.resolve("pixels_001.png"), 100, 200);
        Fixtures.png16(px.resolve("pixels_002.png"), 400, 200);
        ReadResult<Sample> r = PadChestGrReader.read(
                px.resolve("grounded_reports_20240819.json"), new PadChestGrReader.Options("en", null, false));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("coordinates: pixels (largest coordinate 900"));
        Box nodule = byId(r.records(), "pixels_001.png#0").boxes().get(0);
        assertThat(nodule.x1()).isCloseTo(0.4, within(1e-12));
        assertThat(nodule.y2()).isCloseTo(0.25, within(1e-12));
        assertThat(byId(r.records(), "pixels_002.png#0").boxes().get(0).y2()).isEqualTo(1.0);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.BAD_BOX);
            assertThat(p.reason()).contains("outside the 400x200 pixel image");
        });
    }

    @Test
    void spanishSentencesOnRequest() {
        ReadResult<Sample> r = PadChestGrReader.read(root, new PadChestGrReader.Options("es", null, true));
        Sample s = byId(r.records(), "fake_study_001.png#2");
        assertThat(s.sentence()).isEqualTo("Sin neumotórax.");
        assertThat(s.lang()).isEqualTo("es");
        assertThat(r.records()).extracting(Sample::id).contains("fake_study_002.png#2");
    }

    @Test
    void splitComesFromTheMasterTable() {
        ReadResult<Sample> test = PadChestGrReader.read(root, new PadChestGrReader.Options("en", "test", true));
        assertThat(test.records()).extracting(Sample::id).allMatch(id -> id.startsWith("fake_study_002.png"));
        ReadResult<Sample> val = PadChestGrReader.read(root, new PadChestGrReader.Options("en", "validation", true));
        assertThat(val.records()).extracting(Sample::id).containsExactly("fake_study_004.png#0");
        assertThat(val.notes()).anySatisfy(n -> assertThat(n).contains("split \"validation\""));
    }

    @Test
    void splitWithoutMasterTableIsAnInputError() throws IOException {
        Files.delete(root.resolve("master_table.csv"));
        assertThatThrownBy(() -> PadChestGrReader.read(root, new PadChestGrReader.Options("en", "test", false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("master_table.csv");
        assertThat(PadChestGrReader.read(root, PadChestGrReader.Options.DEFAULT).notes())
                .anySatisfy(n -> assertThat(n).contains("no split information"));
    }

    @Test
    void malformedJsonMidFileKeepsTheStudiesBeforeIt() {
        Path trunc = Fixtures.copy("padchest-gr-truncated", tmp);
        ReadResult<Sample> r = PadChestGrReader.read(trunc, new PadChestGrReader.Options("en", null, false));
        assertThat(r.records()).extracting(Sample::id).containsExactly("trunc_001.png#0");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.MALFORMED_FILE);
            assertThat(p.record()).startsWith("line ");
        });
    }

    @Test
    void folderWithoutAnnotationsIsAnInputError() {
        assertThatThrownBy(() -> PadChestGrReader.read(tmp, PadChestGrReader.Options.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("grounded_reports");
    }
}

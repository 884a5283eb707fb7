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

class MsCxrReaderTest {

    @TempDir
    Path tmp;

    private Path csv;
    private Path coco;

    @BeforeEach
    void dataset() {
        Path root = Fixtures.copy("ms-cxr", tmp);
        csv = root.resolve("MS_CXR_Local_Alignment_v1.1.0.csv");
        coco = root.resolve("MS_CXR_Local_Alignment_v1.1.0.json");
    }

    private static Sample byId(List<Sample> samples, String id) {
        return samples.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static void assertBox(Box b, double x1, double y1, double x2, double y2) {
        assertThat(b.x1()).isCloseTo(x1, within(1e-12));
        assertThat(b.y1()).isCloseTo(y1, within(1e-12));
        assertThat(b.x2()).isCloseTo(x2, within(1e-12));
        assertThat(b.y2()).isCloseTo(y2, within(1e-12));
    }

    @Test
    void rowsOfOnePhraseBecomeOneSampleWithAllItsBoxes() {
        ReadResult<Sample> r = MsCxrReader.read(csv, MsCxrReader.Options.DEFAULT);
        assertThat(r.records())
                .extracting(Sample::id)
                .containsExactly("fake-dicom-0001#0", "fake-dicom-0001#1", "fake-dicom-0002#0", "fake-dicom-0004#0");
        Sample both = byId(r.records(), "fake-dicom-0002#0");
        assertThat(both.sentence()).isEqualTo("bilateral opacities, worse on the right");
        assertThat(both.boxes()).hasSize(2);
        assertBox(both.boxes().get(1), 700 / 1200.0, 0.25, 1050 / 1200.0, 0.63);
        assertThat(both.category()).isEqualTo("Pneumonia");
        assertThat(both.lang()).isEqualTo("en");
        assertThat(both.image()).isEqualTo("files/p10/p10000002/s50000002/fake-dicom-0002.jpg");
    }

    @Test
    void pixelTopLeftAndSizeAreNormalised() {
        Sample effusion =
                byId(MsCxrReader.read(csv, MsCxrReader.Options.DEFAULT).records(), "fake-dicom-0001#0");
        assertBox(effusion.boxes().get(0), 0.3, 0.625, 0.5, 0.8125);
    }

    @Test
    void boxOnePixelPastTheBorderIsClippedAndOneFarOutsideIsReported() {
        ReadResult<Sample> r = MsCxrReader.read(csv, MsCxrReader.Options.DEFAULT);
        assertBox(byId(r.records(), "fake-dicom-0004#0").boxes().get(0), 0, 0, 1, 250 / 300.0);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.BAD_BOX);
            assertThat(p.record()).contains("pulmonary edema").contains("line 8");
        });
    }

    @Test
    void aMalformedRowDropsItsWholePhraseNeverPartOfIt() {
        ReadResult<Sample> r = MsCxrReader.read(csv, MsCxrReader.Options.DEFAULT);
        assertThat(r.records()).extracting(Sample::sentence).doesNotContain("left basilar atelectasis");
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.record()).contains("left basilar atelectasis").contains("line 6");
            assertThat(p.reason()).contains("y = \"abc\" is not a number").contains("2 box(es)");
        });
        assertThat(r.problemCounts())
                .isEqualTo(Map.of(ReadProblem.Kind.MALFORMED_RECORD, 3, ReadProblem.Kind.BAD_BOX, 1));
    }

    @Test
    void splitColumnSelects() {
        ReadResult<Sample> r = MsCxrReader.read(csv, new MsCxrReader.Options(null, "val"));
        assertThat(r.records()).extracting(Sample::id).containsExactly("fake-dicom-0002#0");
    }

    @Test
    void imagesAreCheckedAndResolvedWhenTheRootIsGiven() {
        Path mimic = tmp.resolve("mimic-cxr-jpg");
        Fixtures.jpeg(mimic.resolve("files/p10/p10000001/s50000001/fake-dicom-0001.jpg"), 100, 80);
        ReadResult<Sample> r = MsCxrReader.read(csv, new MsCxrReader.Options(mimic, null));
        assertThat(r.records()).extracting(Sample::id).containsExactly("fake-dicom-0001#0", "fake-dicom-0001#1");
        assertThat(r.records().get(0).image())
                .isEqualTo(mimic.resolve("files/p10/p10000001/s50000001/fake-dicom-0001.jpg")
                        .toAbsolutePath()
                        .normalize()
                        .toString());
        assertThat(r.problemCounts()).containsEntry(ReadProblem.Kind.MISSING_IMAGE, 2);
    }

    @Test
    void cocoJsonGivesTheSameSamplesAsTheCsv() {
        ReadResult<Sample> r = MsCxrReader.read(coco, MsCxrReader.Options.DEFAULT);
        ReadResult<Sample> fromCsv = MsCxrReader.read(csv, MsCxrReader.Options.DEFAULT);
        assertThat(r.records()).extracting(Sample::id).containsExactly("fake-dicom-0001#0", "fake-dicom-0002#0");
        assertThat(r.records().get(0)).isEqualTo(byId(fromCsv.records(), "fake-dicom-0001#0"));
        assertThat(r.records().get(1).boxes())
                .isEqualTo(byId(fromCsv.records(), "fake-dicom-0002#0").boxes());
        assertThat(r.problems())
                .hasSize(2)
                .anySatisfy(p -> assertThat(p.reason()).contains("image_id 9"))
                .anySatisfy(p -> assertThat(p.reason()).contains("\"wide\""));
    }

    @Test
    void missingColumnsAreNamed() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "dicom_id,label_text,x,y\n1,a,2,3\n");
        assertThatThrownBy(() -> MsCxrReader.read(bad, MsCxrReader.Options.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[w, h, image_width, image_height]");
    }
}

package org.ground4j.core.data.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.weak.CleanupChange;
import org.ground4j.core.data.weak.WeakLabelCleaner;
import org.ground4j.core.data.weak.WeakSample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImaGenomeReaderTest {

    @TempDir
    Path tmp;

    private Path graphs;
    private Path metadata;

    @BeforeEach
    void dataset() {
        Path root = Fixtures.copy("imagenome", tmp);
        graphs = root.resolve("silver_dataset/scene_graph");
        metadata = root.resolve("mimic-cxr-2.0.0-metadata.csv");
    }

    private static WeakSample byId(List<WeakSample> samples, String id) {
        return samples.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private ReadResult<WeakSample> read() {
        return ImaGenomeReader.read(graphs, new ImaGenomeReader.Options(null, metadata));
    }

    @Test
    void onePhraseLinkedToSeveralRegionsIsOneSampleWithTheirBoxes() {
        WeakSample opacity = byId(read().records(), "fake-dicom-0101#50000101|2");
        assertThat(opacity.sample().sentence()).isEqualTo("Right lower lobe opacity concerning for pneumonia.");
        assertThat(opacity.regions()).containsExactly("right lung", "right lower lung zone");
        assertThat(opacity.sample().boxes())
                .containsExactly(new Box(0.125, 0.15, 0.475, 0.85), new Box(0.125, 0.6, 0.475, 0.85));
        assertThat(opacity.attributes())
                .containsExactly("anatomicalfinding|yes|lung opacity", "disease|yes|pneumonia", "nlp|yes|abnormal");
        assertThat(opacity.sample().image()).isEqualTo("files/p10/p10000101/s50000101/fake-dicom-0101.jpg");
    }

    @Test
    void phrasesOfRegionsWithoutBoxesAreZeroBoxSamples() {
        ReadResult<WeakSample> r = read();
        WeakSample port = byId(r.records(), "fake-dicom-0101#50000101|5");
        assertThat(port.sample().boxes()).isEmpty();
        assertThat(port.regions()).isEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("of which 1 link only to regions without"));
    }

    @Test
    void boxesPastTheImageAreClippedAndOnesOutsideReported() {
        ReadResult<WeakSample> r = read();
        assertThat(byId(r.records(), "fake-dicom-0101#50000101|1").sample().boxes())
                .containsExactly(new Box(0.375, 0.5, 1.0, 0.8));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("1 region boxes reached past"));
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ReadProblem.Kind.BAD_BOX);
            assertThat(p.record()).contains("abdomen");
        });
    }

    @Test
    void everyProblemIsCountedAndTheRestIsRead() {
        ReadResult<WeakSample> r = read();
        assertThat(r.records())
                .extracting(WeakSample::id)
                .containsExactly(
                        "fake-dicom-0101#50000101|2",
                        "fake-dicom-0101#50000101|4",
                        "fake-dicom-0101#50000101|1",
                        "fake-dicom-0101#50000101|5",
                        "fake-dicom-0102#p0");
        assertThat(r.problemCounts())
                .isEqualTo(Map.of(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        3,
                        ReadProblem.Kind.BAD_BOX,
                        1,
                        ReadProblem.Kind.NO_IMAGE_SIZE,
                        1,
                        ReadProblem.Kind.MALFORMED_FILE,
                        1));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.file()).endsWith("fake-dicom-0104_SceneGraph.json"));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.reason()).contains("2 phrases but 1 phrase_IDs"));
    }

    @Test
    void imageIdAndPathFallBackToTheFileNameAndPrefixedIds() {
        WeakSample w = byId(read().records(), "fake-dicom-0102#p0");
        assertThat(w.sample().image()).isEqualTo("files/p10/p10000102/s50000102/fake-dicom-0102.jpg");
        assertThat(w.regions()).containsExactly("left lower lung zone", "left lung");
    }

    @Test
    void sizesFromImageHeadersUnderTheMimicRoot() {
        Path mimic = tmp.resolve("jpg");
        Fixtures.jpeg(mimic.resolve("files/p10/p10000102/s50000102/fake-dicom-0102.jpg"), 2500, 2000);
        ReadResult<WeakSample> r = ImaGenomeReader.read(
                graphs.resolve("fake-dicom-0102_SceneGraph.json"), new ImaGenomeReader.Options(mimic, null));
        assertThat(r.records()).singleElement().satisfies(w -> {
            assertThat(w.sample().boxes().get(0)).isEqualTo(new Box(0.52, 0.6, 0.84, 0.9));
            assertThat(w.sample().image()).startsWith(mimic.toAbsolutePath().toString());
        });
    }

    @Test
    void withoutAnySourceOfImageSizesItRefusesToGuess() {
        assertThatThrownBy(() -> new ImaGenomeReader.Options(null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no image size");
    }

    @Test
    void cleanupUsesTheRegionNamesAndAttributesItKeeps() {
        WeakLabelCleaner.Result clean = WeakLabelCleaner.standard().clean(read().records());
        assertThat(byId(clean.samples(), "fake-dicom-0101#50000101|2").regions())
                .containsExactly("right lower lung zone");
        assertThat(byId(clean.samples(), "fake-dicom-0101#50000101|4").sample().boxes())
                .isEmpty();
        assertThat(byId(clean.samples(), "fake-dicom-0101#50000101|1").sample().boxes())
                .isEmpty();
        assertThat(byId(clean.samples(), "fake-dicom-0102#p0").regions()).containsExactly("left lower lung zone");
        assertThat(clean.report().count(CleanupChange.PARENT_REGION_DROPPED)).isEqualTo(2);
        assertThat(clean.report().count(CleanupChange.NEGATED_BOXES_DROPPED)).isEqualTo(1);
        assertThat(clean.report().count(CleanupChange.NORMAL_BOXES_DROPPED)).isEqualTo(1);
        assertThat(clean.report().count(CleanupChange.ZERO_BOX_KEPT)).isEqualTo(1);
    }
}

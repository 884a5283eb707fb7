package org.ground4j.core.data.weak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

class WeakLabelCleanerTest {

    private static final Box LUNG = new Box(0.5, 0.1, 0.9, 0.9);
    private static final Box LOWER = new Box(0.5, 0.6, 0.9, 0.9);
    private static final Box ANGLE = new Box(0.75, 0.8, 0.9, 0.9);
    private static final Box HEART = new Box(0.35, 0.45, 0.7, 0.8);

    private final WeakLabelCleaner cleaner = WeakLabelCleaner.standard();

    private static WeakSample weak(String id, String sentence, List<String> regions, List<Box> boxes) {
        return WeakSample.of(Sample.gold(id, "img.png", sentence, boxes), regions);
    }

    @Test
    void keepsOnlyTheMostSpecificRegions() {
        WeakSample in = weak(
                "a", "Left lower lobe opacity.", List.of("left lung", "left lower lung zone"), List.of(LUNG, LOWER));
        WeakLabelCleaner.Result r = cleaner.clean(List.of(in));
        WeakSample out = r.samples().get(0);
        assertThat(out.regions()).containsExactly("left lower lung zone");
        assertThat(out.sample().boxes()).containsExactly(LOWER);
        assertThat(r.report().count(CleanupChange.PARENT_REGION_DROPPED)).isEqualTo(1);
        assertThat(r.report().examples(CleanupChange.PARENT_REGION_DROPPED)).containsExactly("a");
    }

    @Test
    void negatedSentenceLosesAllItsBoxesAndStaysAsZeroBox() {
        WeakSample in =
                weak("n", "No pneumothorax or effusion.", List.of("left lung", "right lung"), List.of(LUNG, LUNG));
        WeakLabelCleaner.Result r = cleaner.clean(List.of(in));
        assertThat(r.samples()).singleElement().satisfies(w -> {
            assertThat(w.sample().boxes()).isEmpty();
            assertThat(w.regions()).isEmpty();
        });
        assertThat(r.report().count(CleanupChange.NEGATED_BOXES_DROPPED)).isEqualTo(1);
        assertThat(r.report().boxesIn()).isEqualTo(2);
        assertThat(r.report().boxesOut()).isZero();
    }

    @Test
    void changeStatementKeepsItsBoxes() {
        WeakSample in =
                weak("c", "No change in the left effusion.", List.of("left costophrenic angle"), List.of(ANGLE));
        assertThat(cleaner.clean(List.of(in)).samples().get(0).sample().boxes()).containsExactly(ANGLE);
    }

    @Test
    void normalStatementLosesItsBoxes() {
        WeakSample in = weak("h", "Normal heart size.", List.of("cardiac silhouette"), List.of(HEART));
        WeakLabelCleaner.Result r = cleaner.clean(List.of(in));
        assertThat(r.samples().get(0).sample().boxes()).isEmpty();
        assertThat(r.report().count(CleanupChange.NORMAL_BOXES_DROPPED)).isEqualTo(1);
    }

    @Test
    void sentencesMappingToNoRegionStayAsZeroBoxSamples() {
        WeakSample in = weak("z", "PA view.", List.of(), List.of());
        WeakLabelCleaner.Result r = cleaner.clean(List.of(in));
        assertThat(r.samples()).containsExactly(in);
        assertThat(r.report().count(CleanupChange.ZERO_BOX_KEPT)).isEqualTo(1);
    }

    @Test
    void attributesDecideWhenTheSourceHasThem() {
        // the text alone would keep the boxes ("Right lung is clear" names no finding... but is normal);
        // ImaGenome's attributes deny the findings explicitly
        WeakSample denied = new WeakSample(
                Sample.gold("att", "i.png", "Low lung volumes with opacity.", List.of(LUNG)),
                List.of("right lung"),
                List.of("anatomicalfinding|no|lung opacity"));
        WeakSample asserted = new WeakSample(
                Sample.gold("yes", "i.png", "No pneumothorax.", List.of(LUNG)),
                List.of("right lung"),
                List.of("anatomicalfinding|yes|pneumothorax"));
        WeakLabelCleaner.Result r = cleaner.clean(List.of(denied, asserted));
        assertThat(r.samples().get(0).sample().boxes()).isEmpty();
        assertThat(r.samples().get(1).sample().boxes()).containsExactly(LUNG);
        assertThat(r.report().count(CleanupChange.DECIDED_BY_ATTRIBUTES)).isEqualTo(2);
        assertThat(r.report().count(CleanupChange.ATTRIBUTES_DISAGREE_WITH_TEXT))
                .isEqualTo(2);
    }

    @Test
    void duplicatesUnknownRegionsAndMissingNamesAreCounted() {
        WeakSample dup = weak(
                "d",
                "Left lower lobe atelectasis.",
                List.of("left lower lung zone", "left lower lung zone", "left chest wall"),
                List.of(LOWER, LOWER, ANGLE));
        WeakSample unnamed = WeakSample.of(Sample.gold("u", "i.png", "Right effusion.", List.of(ANGLE)), null);
        WeakLabelCleaner.Result r = cleaner.clean(List.of(dup, unnamed));
        assertThat(r.samples().get(0).regions()).containsExactly("left lower lung zone", "left chest wall");
        assertThat(r.report().count(CleanupChange.DUPLICATE_REGION_DROPPED)).isEqualTo(1);
        assertThat(r.report().count(CleanupChange.UNKNOWN_REGION_KEPT)).isEqualTo(1);
        assertThat(r.report().count(CleanupChange.NO_REGION_NAMES)).isEqualTo(1);
        assertThat(r.samples().get(1)).isEqualTo(unnamed);
    }

    @Test
    void emptySentencesAreDropped() {
        WeakLabelCleaner.Result r = cleaner.clean(List.of(weak("e", " ", List.of("left lung"), List.of(LUNG))));
        assertThat(r.samples()).isEmpty();
        assertThat(r.report().count(CleanupChange.EMPTY_SENTENCE_DROPPED)).isEqualTo(1);
    }

    @Test
    void reportTotalsAddUpAndNameEveryChange() {
        List<WeakSample> in = new ArrayList<>();
        in.add(weak(
                "a", "Left lower lobe opacity.", List.of("left lung", "left lower lung zone"), List.of(LUNG, LOWER)));
        in.add(weak("n", "Sin derrame pleural.", List.of("left costophrenic angle"), List.of(ANGLE)));
        in.add(weak("z", "Proyección PA.", List.of(), List.of()));
        CleanupReport report = cleaner.clean(in).report();
        assertThat(report.samplesIn()).isEqualTo(3);
        assertThat(report.samplesOut()).isEqualTo(3);
        assertThat(report.boxesIn()).isEqualTo(3);
        assertThat(report.boxesOut()).isEqualTo(1);
        assertThat(report.boxReduction()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        String text = report.toText();
        for (CleanupChange c : CleanupChange.values()) {
            assertThat(text).contains(c.description());
            assertThat(report.toJson()).contains("\"" + c.key() + "\"");
        }
        assertThat(text).contains("66.7 %");
    }
}

package org.ground4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

class SampleStatsTest {

    private static final Box HALF = new Box(0, 0, 0.5, 1);
    private static final Box QUARTER = new Box(0, 0, 0.5, 0.5);

    private static final List<Sample> SAMPLES = List.of(
            new Sample("1", "a.png", "No pneumothorax.", List.of(), null, "negation", "en"),
            new Sample("2", "a.png", "Left basal effusion.", List.of(HALF), null, "pleural effusion", "en"),
            new Sample(
                    "3",
                    "b.png",
                    "Derrame pleural bilateral de pequeña cuantía.",
                    List.of(QUARTER, QUARTER),
                    null,
                    "pleural effusion",
                    "es"),
            new Sample("4", "c.png", "PA view.", List.of(), null, null, null));

    @Test
    void countsGroupsBoxesAndImages() {
        SampleStats s = SampleStats.of(SAMPLES);
        assertThat(s.samples()).isEqualTo(4);
        assertThat(s.images()).isEqualTo(3);
        assertThat(s.groups())
                .containsEntry(Sample.Group.NO, 2)
                .containsEntry(Sample.Group.SINGLE, 1)
                .containsEntry(Sample.Group.MULTI, 1);
        assertThat(s.fraction(Sample.Group.NO)).isEqualTo(0.5);
        assertThat(s.boxes()).isEqualTo(3);
        assertThat(s.maxBoxes()).isEqualTo(2);
        assertThat(s.meanBoxes()).isEqualTo(0.75);
        assertThat(s.boxesHistogram()).containsExactly(2, 1, 1, 0, 0, 0);
        assertThat(s.meanBoxArea()).isCloseTo((0.5 + 0.25 + 0.25) / 3, within(1e-12));
    }

    @Test
    void sentenceLengthsCategoriesAndLanguages() {
        SampleStats s = SampleStats.of(SAMPLES);
        assertThat(s.words()).isEqualTo(new SampleStats.Lengths(2, 2.5, 3.25, 6));
        assertThat(s.categories())
                .containsExactly(
                        java.util.Map.entry("pleural effusion", 2),
                        java.util.Map.entry("(none)", 1),
                        java.util.Map.entry("negation", 1));
        assertThat(s.languages().keySet()).containsExactly("en", "(none)", "es");
    }

    @Test
    void textReportShowsFractionsAndLimitsCategories() {
        String text = SampleStats.of(SAMPLES).toText(1);
        assertThat(text)
                .contains("4 sentences on 3 images")
                .containsPattern("no +2 +50\\.0 %")
                .containsPattern("multi +1 +25\\.0 %")
                .contains("0: 2, 1: 1, 2: 1, 3: 0, 4: 0, 5+: 0")
                .contains("pleural effusion")
                .contains("(2 more)");
    }

    @Test
    void emptyInputGivesZeros() {
        SampleStats s = SampleStats.of(List.of());
        assertThat(s.fraction(Sample.Group.MULTI)).isZero();
        assertThat(s.toText(5)).contains("0 sentences on 0 images");
    }
}

package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.ground4j.core.data.weak.AnatomyHierarchy;
import org.junit.jupiter.api.Test;

class AnatomyRegionTest {

    /** The 29 regions with boxes, as datasets.md lists them for Chest ImaGenome. */
    private static final List<String> IMAGENOME = List.of(
            "right lung",
            "right upper lung zone",
            "right mid lung zone",
            "right lower lung zone",
            "right hilar structures",
            "right apical zone",
            "right costophrenic angle",
            "right hemidiaphragm",
            "left lung",
            "left upper lung zone",
            "left mid lung zone",
            "left lower lung zone",
            "left hilar structures",
            "left apical zone",
            "left costophrenic angle",
            "left hemidiaphragm",
            "trachea",
            "spine",
            "right clavicle",
            "left clavicle",
            "aortic arch",
            "mediastinum",
            "upper mediastinum",
            "svc",
            "cardiac silhouette",
            "cavoatrial junction",
            "right atrium",
            "carina",
            "abdomen");

    @Test
    void namesAreExactlyTheChestImaGenomeRegionNames() {
        assertThat(Arrays.stream(AnatomyRegion.values()).map(AnatomyRegion::label))
                .containsExactlyInAnyOrderElementsOf(IMAGENOME);
        assertThat(IMAGENOME).allMatch(AnatomyHierarchy.IMAGENOME::isKnown);
    }

    @Test
    void lookupByNameRoundTripsAndRejectsUnknownNames() {
        for (AnatomyRegion r : AnatomyRegion.values()) {
            assertThat(AnatomyRegion.ofLabel(r.label())).isSameAs(r);
        }
        assertThatThrownBy(() -> AnatomyRegion.ofLabel("right lower lobe")).hasMessageContaining("right lower lobe");
    }

    @Test
    void parentsComeFromTheImaGenomeHierarchy() {
        assertThat(AnatomyRegion.RIGHT_LOWER_LUNG_ZONE.parent()).isEqualTo(AnatomyRegion.RIGHT_LUNG);
        assertThat(AnatomyRegion.LEFT_COSTOPHRENIC_ANGLE.parent()).isEqualTo(AnatomyRegion.LEFT_LUNG);
        assertThat(AnatomyRegion.CARDIAC_SILHOUETTE.parent()).isEqualTo(AnatomyRegion.MEDIASTINUM);
        assertThat(AnatomyRegion.RIGHT_HEMIDIAPHRAGM.parent()).isNull();
        assertThat(AnatomyRegion.zone(Side.LEFT, Zone.MID)).isEqualTo(AnatomyRegion.LEFT_MID_LUNG_ZONE);
    }

    @Test
    void radiologicalConventionPutsThePatientsRightOnTheImagesLeft() {
        assertThat(Side.RIGHT.onImageLeft()).isTrue();
        assertThat(Side.LEFT.onImageLeft()).isFalse();
        assertThat(Side.RIGHT.imageSign()).isNegative();
    }
}

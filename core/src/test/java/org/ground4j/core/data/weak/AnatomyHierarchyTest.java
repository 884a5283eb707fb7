package org.ground4j.core.data.weak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.ground4j.core.synth.AnatomyRegion;
import org.junit.jupiter.api.Test;

class AnatomyHierarchyTest {

    private final AnatomyHierarchy h = AnatomyHierarchy.IMAGENOME;

    @Test
    void holdsTheTwentyNineImaGenomeRegions() {
        assertThat(h.regions()).hasSize(29).contains("right lung", "svc", "abdomen", "left costophrenic angle");
    }

    @Test
    void aLungContainsItsZonesApexHilumAndAngle() {
        assertThat(h.children("left lung"))
                .containsExactlyInAnyOrder(
                        "left upper lung zone",
                        "left mid lung zone",
                        "left lower lung zone",
                        "left hilar structures",
                        "left apical zone",
                        "left costophrenic angle");
        assertThat(h.isAncestor("right lung", "left lower lung zone")).isFalse();
        assertThat(h.parent("right hemidiaphragm")).isEmpty();
    }

    @Test
    void theMediastinumContainsItsEightStructures() {
        assertThat(h.children("mediastinum"))
                .containsExactlyInAnyOrder(
                        "upper mediastinum",
                        "aortic arch",
                        "svc",
                        "cardiac silhouette",
                        "cavoatrial junction",
                        "right atrium",
                        "trachea",
                        "carina");
    }

    @Test
    void mostSpecificDropsParentsAndDuplicatesKeepingOrder() {
        assertThat(h.mostSpecific(List.of(
                        "left lung",
                        "left lower lung zone",
                        "left costophrenic angle",
                        "left lower lung zone",
                        "cardiac silhouette")))
                .containsExactly("left lower lung zone", "left costophrenic angle", "cardiac silhouette");
        assertThat(h.mostSpecific(List.of("mediastinum", "right lung"))).containsExactly("mediastinum", "right lung");
        assertThat(h.mostSpecific(List.of("left chest wall", "left lung")))
                .containsExactly("left chest wall", "left lung");
    }

    @Test
    void synthCxrNamesExactlyTheseRegions() {
        // SynthCXR's weak labels must use the hierarchy's names, or the cleanup would count them as unknown
        assertThat(Arrays.stream(AnatomyRegion.values())
                        .map(AnatomyRegion::label)
                        .toList())
                .containsExactlyInAnyOrderElementsOf(h.regions());
    }
}

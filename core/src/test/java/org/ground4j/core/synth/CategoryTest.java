package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CategoryTest {

    @Test
    void findingsAreTaggedAnatomyAnchoredOrFreePosition() {
        assertThat(Arrays.stream(Category.values()).filter(c -> c.placement() == Category.Placement.ANCHORED))
                .containsExactlyInAnyOrder(
                        Category.PLEURAL_EFFUSION, Category.PNEUMOTHORAX, Category.CARDIOMEGALY, Category.ATELECTASIS);
        assertThat(Arrays.stream(Category.values()).filter(c -> c.placement() == Category.Placement.FREE))
                .containsExactlyInAnyOrder(Category.NODULE, Category.OPACITY, Category.CONSOLIDATION);
        assertThat(Arrays.stream(Category.values()).filter(c -> !c.isFinding()))
                .containsExactlyInAnyOrder(Category.NEGATION, Category.NORMAL, Category.TECHNIQUE);
    }

    @Test
    void labelsRoundTrip() {
        for (Category c : Category.values()) {
            assertThat(Category.ofLabel(c.label())).isSameAs(c);
        }
        assertThat(Category.ofLabel("pleural effusion")).isEqualTo(Category.PLEURAL_EFFUSION);
    }
}

package org.ground4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ground4j.core.image.ImageLimits;
import org.ground4j.infer.GrounderOptions;
import org.junit.jupiter.api.Test;

/** What a task carries for its grounder: the checkpoint's location and the post-processing overrides. */
class ModelSpecTest {

    @Test
    void overridesReachTheGrounderAndTellLoadedGroundersApart() {
        ModelSpec own = ModelSpec.of("models/demo");
        assertThat(own.options()).isEqualTo(new GrounderOptions(null, null, null));
        ModelSpec relative = new ModelSpec("models/demo", null, null, 0.7);
        assertThat(relative.options().relativeThreshold()).isEqualTo(0.7);
        assertThat(relative.key()).isNotEqualTo(own.key()); // one executor JVM may hold both grounders
        assertThat(new ModelSpec("models/demo", 0.4, 0.2, 0.7).options()).isEqualTo(new GrounderOptions(0.4, 0.2, 0.7));
    }

    @Test
    void imageLimitsReachTheGrounderAndABadOneFailsOnTheDriver() {
        ModelSpec small = SparkAttach.builder("models/demo", "in.jsonl", "out")
                .imageLimits(4_000_000L, null)
                .build()
                .model();
        assertThat(small.options().imageLimitsOrDefault()).isEqualTo(new ImageLimits(4_000_000L, 30_000));
        assertThat(small.key()).isNotEqualTo(ModelSpec.of("models/demo").key());
        assertThat(ModelSpec.of("models/demo").options().imageLimitsOrDefault()).isEqualTo(ImageLimits.DEFAULT);
        assertThatThrownBy(() -> new ModelSpec("models/demo", null, null, null, 0L, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void anOverrideOutsideTheUnitIntervalFailsOnTheDriver() {
        assertThatThrownBy(() -> new ModelSpec("models/demo", null, null, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> SparkAttach.builder("m", "in.jsonl", "out")
                        .relativeThreshold(-0.1)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
    }
}

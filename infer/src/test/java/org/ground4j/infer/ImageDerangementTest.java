package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeded derangement behind {@code ground --shuffle-images}. */
class ImageDerangementTest {

    /** {@code n} distinct image names, with duplicates, in a random order. */
    private static List<String> images(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int copies = 1 + rnd.nextInt(3); copies > 0; copies--) {
                out.add("img/" + i + ".png");
            }
        }
        Collections.shuffle(out, rnd);
        return out;
    }

    @Test
    void aPermutationOfTheDistinctImagesWithoutFixedPoints() {
        qt().withFixedSeed(51)
                .withExamples(300)
                .forAll(integers().between(2, 40), longs().all())
                .checkAssert((n, seed) -> {
                    List<String> images = images(n, seed);
                    Map<String, String> map = ImageDerangement.of(images, seed);
                    Set<String> distinct = new HashSet<>(images);
                    assertThat(map.keySet()).isEqualTo(distinct);
                    assertThat(new HashSet<>(map.values())).isEqualTo(distinct); // onto, so one to one
                    map.forEach(
                            (from, to) -> assertThat(to).as("image of %s", from).isNotEqualTo(from));
                });
    }

    @Test
    void theSameSeedGivesTheSameMappingWhateverTheOrder() {
        qt().withFixedSeed(52)
                .withExamples(200)
                .forAll(integers().between(2, 30), longs().all())
                .checkAssert((n, seed) -> {
                    List<String> images = images(n, seed);
                    List<String> reordered = new ArrayList<>(images);
                    Collections.reverse(reordered);
                    assertThat(ImageDerangement.of(reordered, seed)).isEqualTo(ImageDerangement.of(images, seed));
                });
    }

    @Test
    void seedsGiveDifferentMappingsAndTwoImagesAreSwapped() {
        List<String> ten = images(10, 1);
        Set<Map<String, String>> mappings = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            mappings.add(ImageDerangement.of(ten, seed));
        }
        assertThat(mappings.size()).isGreaterThan(15); // 1,334,961 derangements of 10
        assertThat(ImageDerangement.of(List.of(Path.of("b.png"), Path.of("a.png"), Path.of("a.png")), 3))
                .containsExactly(
                        Map.entry(Path.of("a.png"), Path.of("b.png")), Map.entry(Path.of("b.png"), Path.of("a.png")));
    }

    @Test
    void fewerThanTwoDistinctImagesCannotBeShuffled() {
        assertThatThrownBy(() -> ImageDerangement.of(List.of("a.png", "a.png"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shuffling images needs at least two distinct images, got 1 (a.png)");
        assertThatThrownBy(() -> ImageDerangement.of(List.<String>of(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}

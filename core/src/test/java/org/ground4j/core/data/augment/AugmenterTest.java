package org.ground4j.core.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.UnitImage;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static UnitImage image(int w, int h) {
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % 97) / 96f;
        }
        return new UnitImage(w, h, 1, px);
    }

    /** Sentences of one image: a zero-box one and some with random boxes. */
    private static List<Sample> sentences(long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>();
        out.add(Sample.gold("neg", "img.png", "No pneumothorax.", List.of()));
        for (int s = 0; s < 4; s++) {
            List<Box> boxes = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n; k++) {
                double x = r.nextDouble() * 0.9;
                double y = r.nextDouble() * 0.9;
                boxes.add(new Box(
                        x,
                        y,
                        Math.min(1, x + 0.02 + r.nextDouble() * 0.3),
                        Math.min(1, y + 0.02 + r.nextDouble() * 0.3)));
            }
            out.add(Sample.gold("s" + s, "img.png", "Finding " + s + ".", boxes));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameResultAndAnotherSeedAnotherOne() {
        Augmenter aug = new Augmenter(new AugmentConfig(0.03, 1.0, 0.5, 0.9));
        UnitImage img = image(120, 90);
        Augmented a = aug.apply(img, sentences(1), 42L);
        Augmented b = aug.apply(img, sentences(1), 42L);
        Augmented c = aug.apply(img, sentences(1), 43L);
        assertThat(a.crop()).isEqualTo(b.crop());
        assertThat(a.samples()).isEqualTo(b.samples());
        assertThat(a.image().pixels()).containsExactly(b.image().pixels());
        assertThat(c.image().pixels()).isNotEqualTo(a.image().pixels());
    }

    @Test
    void sentencesFollowTheRulesOfTheMethod() {
        qt().withFixedSeed(99L)
                .withExamples(400)
                .forAll(
                        integers().between(8, 300),
                        integers().between(8, 300),
                        doubles().between(0.2, 1.0),
                        longs().all())
                .checkAssert((w, h, minCrop, seed) -> {
                    List<Sample> in = sentences(seed);
                    Augmented out =
                            new Augmenter(new AugmentConfig(0.01, 1.0, minCrop, 0.9)).apply(image(w, h), in, seed);
                    Box crop = out.crop().normalisedIn(w, h);
                    assertThat(out.image().width()).isEqualTo(out.crop().width());
                    assertThat(out.image().height()).isEqualTo(out.crop().height());
                    int dropped = 0;
                    int sentencesDropped = 0;
                    for (Sample s : in) {
                        long visible = s.boxes().stream()
                                .filter(b -> CropBoxes.visibleFraction(b, crop) >= 0.9)
                                .count();
                        dropped += s.boxes().size() - (int) visible;
                        var result = out.samples().stream()
                                .filter(o -> o.id().equals(s.id()))
                                .findFirst();
                        if (s.boxes().isEmpty()) {
                            assertThat(result)
                                    .as("zero-box sentence %s stays", s.id())
                                    .isPresent();
                            assertThat(result.get().boxes()).isEmpty();
                        } else if (visible == 0) {
                            assertThat(result)
                                    .as("sentence %s lost every box: dropped", s.id())
                                    .isEmpty();
                            sentencesDropped++;
                        } else {
                            assertThat(result).isPresent();
                            assertThat(result.get().boxes())
                                    .hasSize((int) visible)
                                    .allSatisfy(
                                            b -> assertThat(b.isNormalised()).isTrue());
                        }
                    }
                    assertThat(out.boxesDropped()).isEqualTo(dropped);
                    assertThat(out.sentencesDropped()).isEqualTo(sentencesDropped);
                });
    }

    @Test
    void withoutCropNothingIsDropped() {
        Augmented out = new Augmenter(new AugmentConfig(0.0, 0.0, 0.5, 0.9)).apply(image(50, 40), sentences(5), 1L);
        assertThat(out.crop()).isEqualTo(CropWindow.full(50, 40));
        assertThat(out.samples()).isEqualTo(sentences(5));
        assertThat(out.boxesDropped()).isZero();
    }

    @Test
    void aSentenceThatLosesItsOnlyBoxIsDroppedNotMadeNegative() {
        // crop fraction 0.5 exactly: a box in the far corner cannot survive every crop; find a seed where it is cut
        List<Sample> in = List.of(
                Sample.gold("corner", "i.png", "Right apical pneumothorax.", List.of(new Box(0.0, 0.0, 0.2, 0.2))),
                Sample.gold("none", "i.png", "PA view.", List.of()));
        Augmenter aug = new Augmenter(new AugmentConfig(0.0, 1.0, 0.5, 0.9));
        Augmented cut = null;
        for (long seed = 0; seed < 100 && cut == null; seed++) {
            Augmented a = aug.apply(image(100, 100), in, seed);
            if (a.crop().x() > 5 && a.crop().y() > 5) {
                cut = a;
            }
        }
        assertThat(cut).isNotNull();
        assertThat(cut.samples()).extracting(Sample::id).containsExactly("none");
        assertThat(cut.sentencesDropped()).isEqualTo(1);
    }
}

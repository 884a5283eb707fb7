package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

/** Properties of planned phantoms over random seeds: boxes inside the image and inside their anatomy. */
class SceneGeometryTest {

    private static final double EPS = 1e-12;

    @Test
    void everyRegionBoxIsANonEmptyNormalisedBoxInsideItsParent() {
        qt().withFixedSeed(71L)
                .withExamples(40)
                .forAll(longs().all(), integers().between(0, 100_000))
                .checkAssert((seed, index) -> {
                    Anatomy a = ScenePlanner.plan(seed, index, 3).anatomy();
                    for (AnatomyRegion r : AnatomyRegion.values()) {
                        Box b = a.box(r);
                        assertThat(b.isNormalised()).as("%s %s", r, b).isTrue();
                        assertThat(b.isEmpty()).as("%s %s", r, b).isFalse();
                        if (r.parent() != null) {
                            assertThat(inside(b, a.box(r.parent())))
                                    .as("%s inside %s", r, r.parent())
                                    .isTrue();
                        }
                    }
                });
    }

    @Test
    void everyGoldBoxLiesInsideTheImageAndInsideTheAnatomyItIsSaidToBeIn() {
        qt().withFixedSeed(72L)
                .withExamples(60)
                .forAll(longs().all(), integers().between(0, 100_000))
                .checkAssert((seed, index) -> {
                    Scene scene = ScenePlanner.plan(seed, index, 5);
                    Anatomy a = scene.anatomy();
                    for (Finding f : scene.findings()) {
                        assertThat(f.box().isNormalised())
                                .as("%s", f.describe())
                                .isTrue();
                        assertThat(inside(f.box(), a.box(f.region())))
                                .as("%s %s", f.describe(), f.box())
                                .isTrue();
                        if (f.side() != null) {
                            assertThat(inside(f.box(), a.box(AnatomyRegion.lung(f.side()))))
                                    .isTrue();
                        }
                    }
                    for (PlannedSentence s : scene.sentences()) {
                        if (s.statement() instanceof Statement.Positive p) {
                            for (Finding f : s.findings()) {
                                AnatomyRegion named = p.namedRegion(f);
                                assertThat(inside(f.box(), a.box(named)))
                                        .as("\"%s\": %s inside %s", s.text(), f.box(), named)
                                        .isTrue();
                            }
                        }
                    }
                });
    }

    @Test
    void findingsOfThePatientsRightLieOnTheImagesLeftHalf() {
        qt().withFixedSeed(73L)
                .withExamples(60)
                .forAll(longs().all(), integers().between(0, 100_000))
                .checkAssert((seed, index) -> {
                    Scene scene = ScenePlanner.plan(seed, index, 5);
                    double midline = scene.anatomy().midlineX();
                    for (Finding f : scene.findings()) {
                        if (f.side() == Side.RIGHT) {
                            assertThat(f.box().x2()).as("%s", f.describe()).isLessThanOrEqualTo(midline);
                            assertThat(f.box().cx()).isLessThan(0.5);
                        } else if (f.side() == Side.LEFT) {
                            assertThat(f.box().x1()).as("%s", f.describe()).isGreaterThanOrEqualTo(midline);
                            assertThat(f.box().cx()).isGreaterThan(0.5);
                        }
                    }
                });
    }

    @Test
    void multiBoxSentencesHaveSeveralBoxesAndBilateralOnesHaveBothSides() {
        qt().withFixedSeed(74L)
                .withExamples(80)
                .forAll(longs().all(), integers().between(0, 100_000))
                .checkAssert((seed, index) -> {
                    for (PlannedSentence s : ScenePlanner.plan(seed, index, 5).sentences()) {
                        if (s.statement() instanceof Statement.Positive p) {
                            assertThat(s.boxes()).as(s.text()).hasSizeGreaterThanOrEqualTo(p.several() ? 2 : 1);
                            if (!p.several()) {
                                assertThat(s.boxes()).as(s.text()).hasSize(1);
                            }
                            if (p.bilateral()) {
                                assertThat(s.findings())
                                        .extracting(Finding::side)
                                        .as(s.text())
                                        .contains(Side.RIGHT, Side.LEFT);
                            }
                        } else {
                            assertThat(s.boxes()).as(s.text()).isEmpty();
                        }
                    }
                });
    }

    @Test
    void imagesAreBetween320And1024PixelsASide() {
        qt().withFixedSeed(75L)
                .withExamples(60)
                .forAll(longs().all(), integers().between(0, 100_000))
                .checkAssert((seed, index) -> {
                    Scene s = ScenePlanner.plan(seed, index, 2);
                    assertThat(s.width()).isBetween(320, 1024);
                    assertThat(s.height()).isBetween(320, 1024);
                    assertThat(s.bitDepth()).isIn(8, 16);
                });
    }

    private static boolean inside(Box inner, Box outer) {
        return inner.x1() >= outer.x1() - EPS
                && inner.y1() >= outer.y1() - EPS
                && inner.x2() <= outer.x2() + EPS
                && inner.y2() <= outer.y2() + EPS;
    }
}

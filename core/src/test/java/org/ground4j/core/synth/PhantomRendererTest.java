package org.ground4j.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rendered phantoms: size, bit depth, and lesions that stay visible at a 256-pixel model input. */
class PhantomRendererTest {

    private static final int INPUT = 256;
    private static final List<Scene> scenes = new ArrayList<>();
    private static final List<GrayImage> images = new ArrayList<>();

    @BeforeAll
    static void render() {
        for (int i = 0; i < 14; i++) {
            Scene s = ScenePlanner.plan(314, i, 5);
            scenes.add(s);
            images.add(PhantomRenderer.render(s, Seeds.random(314, i, Seeds.RENDER)));
        }
    }

    @Test
    void imagesHaveThePlannedSizeAndBitDepthAndBoth8And16BitOccur() {
        for (int i = 0; i < scenes.size(); i++) {
            GrayImage g = images.get(i);
            assertThat(g.width()).isEqualTo(scenes.get(i).width());
            assertThat(g.height()).isEqualTo(scenes.get(i).height());
            assertThat(g.bitDepth()).isEqualTo(scenes.get(i).bitDepth());
        }
        assertThat(images).extracting(GrayImage::bitDepth).contains(8, 16);
    }

    @Test
    void lungsAreDarkerThanTheHeartAndAirOutsideTheBodyIsDarkest() {
        for (int i = 0; i < scenes.size(); i++) {
            double[][] img = downscaled(images.get(i));
            Anatomy a = scenes.get(i).anatomy();
            Box heart = a.box(AnatomyRegion.CARDIAC_SILHOUETTE);
            double heartMean = mean(img, centre(heart, 0.3), null);
            double lungMean = mean(
                    img,
                    centre(a.box(AnatomyRegion.RIGHT_UPPER_LUNG_ZONE), 0.5),
                    a.lung(Side.RIGHT).area());
            double corner = mean(img, new Box(0, 0.9, 0.03, 1.0), null);
            assertThat(lungMean).isLessThan(heartMean - 0.2);
            assertThat(corner).isLessThan(lungMean);
        }
    }

    @Test
    void lesionsStandOutFromTheLungAroundThemAt256Pixels() {
        int checked = 0;
        for (int i = 0; i < scenes.size(); i++) {
            double[][] img = downscaled(images.get(i));
            Scene scene = scenes.get(i);
            for (Finding f : scene.findings()) {
                if (f.category() == Category.CARDIOMEGALY || f.category() == Category.PNEUMOTHORAX) {
                    continue;
                }
                double inside = mean(img, centre(f.box(), 0.5), f.area());
                Area lungElsewhere = new Area(scene.anatomy().zoneArea(f.side(), f.zone()));
                for (Finding other : scene.findings()) {
                    lungElsewhere.subtract(new Area(grown(other.box())));
                }
                double around = mean(img, scene.anatomy().box(f.region()), lungElsewhere);
                if (!Double.isNaN(around)) {
                    assertThat(inside - around)
                            .as("%s in %s", f.describe(), scene.id())
                            .isGreaterThan(0.08);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void aPneumothoraxIsDarkerThanTheLungBesideIt() {
        int checked = 0;
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            for (Finding f : scene.findings()) {
                if (f.category() == Category.PNEUMOTHORAX) {
                    double[][] img = downscaled(images.get(i));
                    Area lung = new Area(scene.anatomy().lung(f.side()).area());
                    lung.subtract(f.area());
                    double air = mean(img, f.box(), f.area());
                    double lungMean = mean(img, scene.anatomy().box(AnatomyRegion.lung(f.side())), lung);
                    assertThat(air).as("%s in %s", f.describe(), scene.id()).isLessThan(lungMean - 0.03);
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    /** The image resized (area average) to 256 pixels on its longer side, values in [0,1]. */
    private static double[][] downscaled(GrayImage g) {
        double scale = INPUT / (double) Math.max(g.width(), g.height());
        int w = (int) Math.round(g.width() * scale), h = (int) Math.round(g.height() * scale);
        double[][] sum = new double[h][w];
        int[][] n = new int[h][w];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                int ty = Math.min(h - 1, (int) (y * scale)), tx = Math.min(w - 1, (int) (x * scale));
                sum[ty][tx] += g.value(x, y) / (double) g.maxValue();
                n[ty][tx]++;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sum[y][x] /= Math.max(1, n[y][x]);
            }
        }
        return sum;
    }

    /** Mean of the pixels whose centre lies in {@code box} (and in {@code within}, if given); NaN if none. */
    private static double mean(double[][] img, Box box, Area within) {
        int h = img.length, w = img[0].length;
        double total = 0;
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x + 0.5) / w, v = (y + 0.5) / h;
                if (box.contains(u, v) && (within == null || within.contains(u, v))) {
                    total += img[y][x];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : total / count;
    }

    private static Box centre(Box b, double fraction) {
        return Box.fromCxCyWh(b.cx(), b.cy(), b.width() * fraction, b.height() * fraction);
    }

    private static java.awt.geom.Rectangle2D grown(Box b) {
        return Shapes.rect(b.x1() - 0.02, b.y1() - 0.02, b.x2() + 0.02, b.y2() + 0.02);
    }
}

package org.ground4j.core.synth;

import static org.ground4j.core.synth.AnatomySampler.between;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.RectangularShape;
import java.util.Random;
import org.ground4j.core.geometry.Box;

/**
 * Draws a planned {@link Scene} as a radiograph. Tissues add attenuation to a {@link DensityCanvas} (soft
 * tissue 0.8, aerated lung about 0.2, bone +0.2 to +0.35, fluid and consolidation up to soft tissue), which is
 * blurred slightly and mapped to brightness as {@code 1 - exp(-1.3 * attenuation)} (dense is white, air is
 * black), then given a random exposure, gamma and quantum noise, and quantised to 8 or 16 bits.
 * With a nodule of at least 0.032 of the longer side and +0.65 attenuation against aerated lung, every lesion
 * stays visible after resizing to a 256-pixel model input.
 */
final class PhantomRenderer {

    private static final double K = 1.3;

    private PhantomRenderer() {}

    /** Renders {@code scene}; all randomness (texture, vessels, exposure, noise) comes from {@code r}. */
    static GrayImage render(Scene scene, Random r) {
        int w = scene.width(), h = scene.height();
        double longSide = Math.max(w, h);
        Anatomy a = scene.anatomy();
        DensityCanvas c = new DensityCanvas(w, h);
        try {
            c.fill(a.body(), 0.8);
            c.fill(a.belowDiaphragm(), 0.3);
            c.fill(a.mediastinum(), 0.35);
            c.fill(a.heart(), 0.35);
            for (Shape v : a.vertebrae()) {
                c.fill(v, 0.25);
            }
            DensityCanvas.Field texture = LungMarkings.texture(r, w, h);
            for (Lung lung : a.lungs().values()) {
                c.fill(lung.area(), -0.62);
                c.fill(lung.area(), texture);
                Point2D hilum = lung.hilum();
                c.fill(new Ellipse2D.Double(hilum.getX() - 0.03, hilum.getY() - 0.045, 0.06, 0.09), 0.08);
                LungMarkings.vessels(c, r, lung, withoutPneumothorax(lung, scene), longSide);
            }
            c.fill(a.airway(), -0.2);
            c.stroke(a.posteriorRibs(), 0.017 * longSide, a.body(), 0.2);
            c.stroke(a.anteriorRibs(), 0.012 * longSide, a.body(), 0.07);
            c.stroke(a.clavicles(), AnatomySampler.CLAVICLE_WIDTH * longSide, a.body(), 0.35);
            if (a.gastricBubble() != null) {
                c.fill(a.gastricBubble(), -0.5);
            }
            float[] att = c.density();
            for (Finding f : scene.findings()) {
                drawFinding(c, f, a);
            }
            if (scene.findings().stream().anyMatch(f -> f.category() == Category.OPACITY)) {
                addHaze(att, scene, longSide);
            }
            int radius = (int) Math.max(1, Math.round(longSide * 0.003));
            BoxBlur.blur(att, w, h, radius);
            BoxBlur.blur(att, w, h, radius);
            return expose(att, w, h, scene.bitDepth(), r);
        } finally {
            c.dispose();
        }
    }

    /** Opacities drawn on their own layer and blurred more than the rest: hazy, without a sharp edge. */
    private static void addHaze(float[] att, Scene scene, double longSide) {
        int w = scene.width(), h = scene.height();
        DensityCanvas haze = new DensityCanvas(w, h);
        try {
            for (Finding f : scene.findings()) {
                if (f.category() == Category.OPACITY) {
                    for (Shape blob : f.parts()) {
                        for (double k : new double[] {1.0, 0.75, 0.5}) {
                            haze.fill(scaled(blob, k), f.area(), 0.12);
                        }
                    }
                }
            }
            float[] d = haze.density();
            int radius = (int) Math.max(1, Math.round(longSide * 0.006));
            BoxBlur.blur(d, w, h, radius);
            BoxBlur.blur(d, w, h, radius);
            for (int i = 0; i < att.length; i++) {
                att[i] += d[i];
            }
        } finally {
            haze.dispose();
        }
    }

    private static void drawFinding(DensityCanvas c, Finding f, Anatomy a) {
        switch (f.category()) {
            case NODULE -> {
                Shape e = f.parts().get(0);
                c.fill(e, f.area(), 0.4);
                c.fill(scaled(e, 0.7), f.area(), 0.25);
            }
            case OPACITY -> {
                // drawn by addHaze on a layer of its own
            }
            case CONSOLIDATION -> {
                for (Shape blob : f.parts()) {
                    c.fill(blob, f.area(), 0.2);
                    c.fill(scaled(blob, 0.8), f.area(), 0.15);
                }
                if (f.line() != null) {
                    c.fill(f.line(), -0.25);
                }
            }
            case ATELECTASIS -> {
                c.fill(f.area(), 0.5);
                c.fill(
                        Shapes.scaleAbout(
                                f.parts().get(0), 1.6, f.box().cx(), f.box().cy()),
                        a.lung(f.side()).area(),
                        0.1);
            }
            case PLEURAL_EFFUSION -> c.fill(f.area(), 0.72);
            case PNEUMOTHORAX -> {
                c.fill(f.area(), -0.14);
                c.fill(f.line(), 0.3);
            }
            case CARDIOMEGALY -> {
                // the anatomy already draws the enlarged heart
            }
            default -> throw new IllegalArgumentException(f.category() + " is not a finding");
        }
    }

    /** The lung without the air of a pneumothorax, where vessels are drawn. */
    private static Area withoutPneumothorax(Lung lung, Scene scene) {
        Area clip = new Area(lung.area());
        for (Finding f : scene.findings()) {
            if (f.category() == Category.PNEUMOTHORAX && f.side() == lung.side()) {
                clip.subtract(f.area());
            }
        }
        return clip;
    }

    /** Attenuation to pixel values: exponential, exposure and gamma, quantum noise, quantisation. */
    private static GrayImage expose(float[] att, int w, int h, int bitDepth, Random r) {
        double gain = between(r, 0.92, 1.08), offset = between(r, -0.03, 0.04), gamma = between(r, 0.85, 1.15);
        double noise = between(r, 0.004, 0.01);
        int max = bitDepth == 8 ? 255 : new int[] {4095, 16383, 65535}[r.nextInt(3)];
        float[] gaussians = new float[1 << 16];
        for (int i = 0; i < gaussians.length; i++) {
            gaussians[i] = (float) r.nextGaussian();
        }
        long state = r.nextLong() | 1;
        short[] px = new short[w * h];
        for (int i = 0; i < px.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            double v = (1 - Math.exp(-K * Math.max(0, att[i]))) * gain + offset;
            v = Math.pow(Math.min(1, Math.max(0, v)), gamma) + noise * gaussians[(int) (state >>> 48)];
            px[i] = (short) Math.round(Math.min(1, Math.max(0, v)) * max);
        }
        return new GrayImage(w, h, bitDepth, max, px);
    }

    private static Shape scaled(Shape s, double k) {
        if (s instanceof RectangularShape rs) {
            RectangularShape copy = (RectangularShape) rs.clone();
            double cx = rs.getCenterX(), cy = rs.getCenterY();
            double hw = rs.getWidth() * k / 2, hh = rs.getHeight() * k / 2;
            copy.setFrameFromCenter(cx, cy, cx + hw, cy + hh);
            return copy;
        }
        Box b = Shapes.bounds(s);
        return Shapes.scaleAbout(s, k, b.cx(), b.cy());
    }
}

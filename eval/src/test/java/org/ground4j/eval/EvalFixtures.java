package org.ground4j.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Random gold sets and predictions for the property tests, built from a seed so QuickTheories can replay them. */
final class EvalFixtures {

    static final List<String> CATEGORIES = List.of("effusion", "nodule", "opacity", "cardiomegaly");

    private EvalFixtures() {}

    static Box box(double x1, double y1, double x2, double y2) {
        return new Box(x1, y1, x2, y2);
    }

    /** A box with sides of at least {@code minSide}, anywhere in [0,1]. */
    static Box randomBox(Random rnd, double minSide) {
        double w = minSide + rnd.nextDouble() * (0.6 - minSide);
        double h = minSide + rnd.nextDouble() * (0.6 - minSide);
        double x = rnd.nextDouble() * (1 - w);
        double y = rnd.nextDouble() * (1 - h);
        return new Box(x, y, x + w, y + h);
    }

    /** The box moved and resized by up to {@code amount} of its size on each edge, clipped to [0,1]. */
    static Box jitter(Random rnd, Box b, double amount) {
        double dx = amount * b.width(), dy = amount * b.height();
        double x1 = b.x1() + (rnd.nextDouble() * 2 - 1) * dx, x2 = b.x2() + (rnd.nextDouble() * 2 - 1) * dx;
        double y1 = b.y1() + (rnd.nextDouble() * 2 - 1) * dy, y2 = b.y2() + (rnd.nextDouble() * 2 - 1) * dy;
        return new Box(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)).clamp();
    }

    /** Gold samples with the PadChest-GR mix: about 41 % without a box, 46 % with one, 13 % with 2 to 4. */
    static List<Sample> gold(Random rnd, int n) {
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            int boxes = u < 0.41 ? 0 : u < 0.87 ? 1 : 2 + rnd.nextInt(3);
            List<Box> b = new ArrayList<>();
            for (int k = 0; k < boxes; k++) {
                b.add(randomBox(rnd, 0.02));
            }
            String category = rnd.nextInt(5) == 0 ? null : CATEGORIES.get(rnd.nextInt(CATEGORIES.size()));
            out.add(new Sample(
                    String.format("s%06d", i), "img/" + i + ".png", "sentence " + i, b, null, category, "en"));
        }
        return out;
    }

    /**
     * A plausible model's output for each gold sample: gold boxes jittered (some a little, some a lot), some
     * dropped, some spurious ones added, every box scored.
     */
    static List<Sample> predictions(Random rnd, List<Sample> gold) {
        List<Sample> out = new ArrayList<>(gold.size());
        for (Sample g : gold) {
            List<Box> boxes = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (Box b : g.boxes()) {
                if (rnd.nextInt(6) != 0) {
                    boxes.add(jitter(rnd, b, rnd.nextBoolean() ? 0.1 : 0.6));
                    scores.add(0.3 + 0.7 * rnd.nextDouble());
                }
            }
            while (rnd.nextInt(3) == 0) {
                boxes.add(randomBox(rnd, 0.02));
                scores.add(0.9 * rnd.nextDouble());
            }
            out.add(new Sample(g.id(), g.image(), g.sentence(), boxes, scores, null, null));
        }
        return out;
    }

    /** The same samples in another order, each with its boxes (and scores) in another order. */
    static List<Sample> shuffled(Random rnd, List<Sample> samples) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < s.boxes().size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, rnd);
            List<Box> boxes = new ArrayList<>();
            List<Double> scores = s.scores() == null ? null : new ArrayList<>();
            for (int i : order) {
                boxes.add(s.boxes().get(i));
                if (scores != null) {
                    scores.add(s.scores().get(i));
                }
            }
            out.add(s.withBoxes(boxes, scores));
        }
        Collections.shuffle(out, rnd);
        return out;
    }

    /** Seeds for datasets; each property builds its data from one. */
    static Gen<Long> seeds() {
        return SourceDSL.longs().all();
    }
}

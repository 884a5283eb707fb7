package org.ground4j.infer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A seeded derangement of a set of images: every image mapped to a different one, each used exactly once, for
 * the image ablation ({@code ground4j ground --shuffle-images SEED}): each sentence is grounded on another
 * study's image, so whatever the model still gets right comes from the sentence and the anatomical prior.
 *
 * <p>Uniform over all derangements (a seeded Fisher-Yates shuffle, redrawn until no image stays in place: about
 * e = 2.72 draws on average). The images are sorted first, so the mapping depends on the seed and the set of
 * images only, not on the order in which the input names them; {@link Random} is specified bit for bit, so it is
 * the same on every JVM.
 *
 * <pre>{@code
 * Map<Path, Path> other = ImageDerangement.of(List.of(a, b, c), 7);   // e.g. a -> c, b -> a, c -> b
 * }</pre>
 */
public final class ImageDerangement {

    private ImageDerangement() {}

    /**
     * @param images the images, duplicates ignored; at least two distinct ones
     * @param seed   the same seed gives the same mapping
     * @return image -> the image to use instead, in sorted order of the keys; a permutation without fixed points
     * @throws IllegalArgumentException with fewer than two distinct images (one image cannot be swapped)
     */
    public static <T extends Comparable<? super T>> Map<T, T> of(Collection<T> images, long seed) {
        List<T> sorted = new ArrayList<>(new TreeSet<>(images));
        int n = sorted.size();
        if (n < 2) {
            throw new IllegalArgumentException("shuffling images needs at least two distinct images, got " + n
                    + (n == 1 ? " (" + sorted.get(0) + ")" : ""));
        }
        Random random = new Random(seed);
        List<Integer> target = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            target.add(i);
        }
        do {
            Collections.shuffle(target, random);
        } while (hasFixedPoint(target));
        Map<T, T> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(sorted.get(i), sorted.get(target.get(i)));
        }
        return out;
    }

    private static boolean hasFixedPoint(List<Integer> permutation) {
        for (int i = 0; i < permutation.size(); i++) {
            if (permutation.get(i) == i) {
                return true;
            }
        }
        return false;
    }
}

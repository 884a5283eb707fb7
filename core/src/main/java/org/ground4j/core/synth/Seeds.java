package org.ground4j.core.synth;

import java.util.Random;

/**
 * Per-image random streams. Every image draws from its own generators, seeded from (run seed, image index,
 * stream), so an image's content never depends on how many threads render or in which order.
 */
final class Seeds {

    /** Stream of the number of sentences of each image. */
    static final int COUNT = 1;
    /** Stream of the scene plan: size, anatomy, findings, sentences, weak labels. */
    static final int PLAN = 2;
    /** Stream of the rendering: texture, vessels, exposure, noise. */
    static final int RENDER = 3;

    private Seeds() {}

    static Random random(long seed, int index, int stream) {
        return new Random(mix(mix(mix(seed) ^ index) ^ ((long) stream << 32)));
    }

    /** SplitMix64's finaliser: a bijective scramble of 64 bits. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package org.ground4j.core.model;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded {@link SplittableRandom} (Box-Muller), identical on every JVM. */
final class Gaussian {

    private Gaussian() {}

    static double next(SplittableRandom rnd) {
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }
}

package org.ground4j.eval;

import java.util.Locale;

/** Figures as the paper prints them: percentages with one decimal; an undefined figure as a dash. */
final class Percent {

    /** What an undefined (NaN) figure prints as. */
    static final String UNDEFINED = "–";

    private Percent() {}

    /** {@code 0.629 -> "62.9"}, {@code NaN -> "–"}. */
    static String of(double fraction) {
        return Double.isNaN(fraction) ? UNDEFINED : String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    /** A difference with its sign: {@code 0.125 -> "+12.5"}, {@code -0.03 -> "-3.0"}, {@code NaN -> "–"}. */
    static String signed(double fraction) {
        return Double.isNaN(fraction) ? UNDEFINED : String.format(Locale.ROOT, "%+.1f", 100 * fraction);
    }

    /** A threshold with two decimals: {@code 0.8 -> "0.80"}. */
    static String threshold(double t) {
        return String.format(Locale.ROOT, "%.2f", t);
    }
}

package org.ground4j.core.synth;

/** The three horizontal lung zones of Chest ImaGenome, top to bottom; each is a third of the lung's height. */
public enum Zone {
    UPPER("upper"),
    MID("mid"),
    LOWER("lower");

    private final String word;

    Zone(String word) {
        this.word = word;
    }

    /** The word used in the region names ({@code "upper"} in "right upper lung zone"). */
    public String word() {
        return word;
    }

    /** Top of the zone as a fraction of the lung's height from the apex. */
    public double top() {
        return ordinal() / 3.0;
    }

    /** Bottom of the zone as a fraction of the lung's height from the apex. */
    public double bottom() {
        return (ordinal() + 1) / 3.0;
    }
}

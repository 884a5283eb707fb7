package org.ground4j.core.geometry;

/**
 * A box with a confidence, as the grounder returns it.
 *
 * <pre>{@code
 * ScoredBox sb = new ScoredBox(new Box(0.1, 0.2, 0.4, 0.6), 0.93);
 * }</pre>
 *
 * @param box   normalised corners
 * @param score confidence in [0,1]
 */
public record ScoredBox(Box box, double score) {

    /** @throws IllegalArgumentException if the box is null or the score is not a finite value in [0,1] */
    public ScoredBox {
        if (box == null) {
            throw new IllegalArgumentException("scored box needs a box, got null");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must lie in [0,1], got " + score);
        }
    }
}

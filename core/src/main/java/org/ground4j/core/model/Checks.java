package org.ground4j.core.model;

/** Configuration checks whose messages name the field. */
final class Checks {

    private Checks() {}

    static void positive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    static void divides(String divisorField, int divisor, String field, int value) {
        if (value % divisor != 0) {
            throw new IllegalArgumentException(
                    divisorField + " (" + divisor + ") must divide " + field + " (" + value + ")");
        }
    }
}

package org.ground4j.core.synth;

/**
 * The patient's side. Radiographs are read in radiological convention: the viewer faces the patient, so the
 * patient's RIGHT lies on the image's LEFT half.
 */
public enum Side {
    RIGHT,
    LEFT;

    /** Whether this side of the patient appears on the left half of the image (radiological convention). */
    public boolean onImageLeft() {
        return this == RIGHT;
    }

    /** Sign of the image x direction away from the midline towards this side: -1 for RIGHT, +1 for LEFT. */
    public int imageSign() {
        return this == RIGHT ? -1 : 1;
    }

    /** Lower-case English word, as the region names spell it ({@code "right"}). */
    public String word() {
        return this == RIGHT ? "right" : "left";
    }

    public Side opposite() {
        return this == RIGHT ? LEFT : RIGHT;
    }
}

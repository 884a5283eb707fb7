package org.ground4j.core.image;

/**
 * One preprocessed image, ready for the backbone.
 *
 * @param pixels    {@code [3, size, size]} channel-major (CHW), RGB, ImageNet-normalised; padded pixels hold
 *                  {@code (0 - mean) / std}
 * @param mask      {@code [size, size]} row-major; {@code true} where the pixel is padding
 * @param letterbox where the original image lies in the input; maps boxes both ways
 */
public record ModelInput(float[] pixels, boolean[] mask, Letterbox letterbox) {

    /** @throws IllegalArgumentException if the arrays do not match the letterbox's input size */
    public ModelInput {
        int s = letterbox.size();
        if (pixels.length != 3 * s * s || mask.length != s * s) {
            throw new IllegalArgumentException("expected " + (3 * s * s) + " pixel values and " + (s * s)
                    + " mask values for a " + s + "x" + s + " input, got " + pixels.length + " and " + mask.length);
        }
    }

    /** Side of the square input. */
    public int size() {
        return letterbox.size();
    }

    /** Value of channel {@code c} at column {@code x}, row {@code y}. */
    public float get(int c, int y, int x) {
        int s = size();
        return pixels[(c * s + y) * s + x];
    }

    /** Whether the pixel at column {@code x}, row {@code y} is padding. */
    public boolean padded(int y, int x) {
        return mask[y * size() + x];
    }
}

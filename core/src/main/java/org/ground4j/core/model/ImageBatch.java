package org.ground4j.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prepared images: normalised pixels of the square model input, and how much of each is real image
 * (the rest is bottom/right padding, DESIGN.md section 2).
 *
 * @param pixels         {@code [N, 3, S, S]} FLOAT, ImageNet-normalised
 * @param contentHeights rows of real image per sample (at most S)
 * @param contentWidths  columns of real image per sample (at most S)
 */
public record ImageBatch(INDArray pixels, int[] contentHeights, int[] contentWidths) {

    /** @throws IllegalArgumentException when the shapes disagree */
    public ImageBatch {
        long[] s = pixels.shape();
        if (s.length != 4 || s[1] != 3 || s[2] != s[3]) {
            throw new IllegalArgumentException(
                    "image batch pixels must be [N, 3, S, S], got " + java.util.Arrays.toString(s));
        }
        if (contentHeights.length != s[0] || contentWidths.length != s[0]) {
            throw new IllegalArgumentException("image batch has " + s[0] + " images but " + contentHeights.length
                    + " heights and " + contentWidths.length + " widths");
        }
        for (int i = 0; i < s[0]; i++) {
            if (contentHeights[i] < 1 || contentHeights[i] > s[2] || contentWidths[i] < 1 || contentWidths[i] > s[3]) {
                throw new IllegalArgumentException("image " + i + " content " + contentHeights[i] + "x"
                        + contentWidths[i] + " does not fit the " + s[2] + "x" + s[3] + " input");
            }
        }
    }

    public int size() {
        return (int) pixels.size(0);
    }
}

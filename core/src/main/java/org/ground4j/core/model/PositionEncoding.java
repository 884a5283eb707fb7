package org.ground4j.core.model;

/**
 * DETR's 2-D sine position encoding ({@code PositionEmbeddingSine}, normalised): cumulative sums of the
 * unpadded cells along each axis, divided by the axis total (so the real image spans (0, 2 pi]), then
 * interleaved sine / cosine at geometric frequencies (temperature 10000). {@code d/2} features for y,
 * then {@code d/2} for x. Padded cells get the encoding of their cumulative position too, but the
 * attention mask hides them. Computed on the host: it has no parameters and depends only on the mask.
 *
 * <pre>{@code
 * boolean[][] mask = new boolean[20][20];           // true = padding
 * float[] pos = PositionEncoding.sine(mask, 256);   // [20*20, 256], row-major cells
 * }</pre>
 */
public final class PositionEncoding {

    private static final double EPS = 1e-6;
    private static final double TEMPERATURE = 10000;
    private static final double SCALE = 2 * Math.PI;

    private PositionEncoding() {}

    /**
     * @param mask {@code [H][W]}, true where the cell is padding
     * @param d    encoding width (even); d/2 features per axis
     * @return {@code [H*W, d]} flattened row-major (cell {@code i*W + j}, feature {@code k})
     */
    public static float[] sine(boolean[][] mask, int d) {
        int h = mask.length, w = mask[0].length, npf = d / 2;
        double[][] y = new double[h][w], x = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double v = mask[i][j] ? 0 : 1;
                y[i][j] = v + (i > 0 ? y[i - 1][j] : 0);
                x[i][j] = v + (j > 0 ? x[i][j - 1] : 0);
            }
        }
        double[] dimT = new double[npf];
        for (int k = 0; k < npf; k++) {
            dimT[k] = Math.pow(TEMPERATURE, 2.0 * (k / 2) / npf);
        }
        float[] out = new float[h * w * d];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double ye = y[i][j] / (y[h - 1][j] + EPS) * SCALE;
                double xe = x[i][j] / (x[i][w - 1] + EPS) * SCALE;
                int base = (i * w + j) * d;
                for (int k = 0; k < npf; k++) {
                    double py = ye / dimT[k], px = xe / dimT[k];
                    out[base + k] = (float) (k % 2 == 0 ? Math.sin(py) : Math.cos(py));
                    out[base + npf + k] = (float) (k % 2 == 0 ? Math.sin(px) : Math.cos(px));
                }
            }
        }
        return out;
    }

    /**
     * The padding mask at feature resolution, as DETR's nearest interpolation gives it: cell (i, j) is padding
     * when pixel (i*stride, j*stride) is.
     *
     * @param contentHeight rows of real image in the padded input
     * @param contentWidth  columns of real image in the padded input
     */
    public static boolean[][] featureMask(int side, int stride, int contentHeight, int contentWidth) {
        boolean[][] m = new boolean[side][side];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                m[i][j] = i * stride >= contentHeight || j * stride >= contentWidth;
            }
        }
        return m;
    }
}

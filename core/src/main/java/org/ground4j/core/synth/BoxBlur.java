package org.ground4j.core.synth;

/** In-place box blur of a row-major float image; two passes approximate a Gaussian. */
final class BoxBlur {

    private BoxBlur() {}

    /** One horizontal and one vertical box-blur pass of the given radius, edges clamped. */
    static void blur(float[] a, int w, int h, int radius) {
        float norm = 1f / (2 * radius + 1);
        float[] row = new float[w];
        for (int y = 0; y < h; y++) {
            int start = y * w;
            System.arraycopy(a, start, row, 0, w);
            float sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += row[Math.min(w - 1, Math.max(0, k))];
            }
            for (int x = 0; x < w; x++) {
                a[start + x] = sum * norm;
                sum += row[Math.min(w - 1, x + radius + 1)] - row[Math.max(0, x - radius)];
            }
        }
        float[] src = a.clone();
        float[] sums = new float[w];
        for (int k = -radius; k <= radius; k++) {
            int r = Math.min(h - 1, Math.max(0, k)) * w;
            for (int x = 0; x < w; x++) {
                sums[x] += src[r + x];
            }
        }
        for (int y = 0; y < h; y++) {
            int out = y * w, add = Math.min(h - 1, y + radius + 1) * w, drop = Math.max(0, y - radius) * w;
            for (int x = 0; x < w; x++) {
                a[out + x] = sums[x] * norm;
                sums[x] += src[add + x] - src[drop + x];
            }
        }
    }
}

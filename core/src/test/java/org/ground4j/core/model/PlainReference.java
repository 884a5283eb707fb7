package org.ground4j.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Straightforward loops in double precision over plain Java arrays: an independent second computation of a
 * torchvision ResNet trunk (frozen BatchNorm) and a BERT layer, to compare the SameDiff builders against.
 * Clarity over speed; only for small test inputs.
 */
final class PlainReference {

    private PlainReference() {}

    /** {@code x [C][H][W]}, weight {@code [O][C][k][k]}: convolution without bias. */
    static double[][][] conv(double[][][] x, INDArray w, int stride, int pad) {
        int o = (int) w.size(0), c = (int) w.size(1), k = (int) w.size(2);
        int h = x[0].length, wd = x[0][0].length;
        int oh = (h + 2 * pad - k) / stride + 1, ow = (wd + 2 * pad - k) / stride + 1;
        double[] wv = w.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .dup('c')
                .data()
                .asDouble();
        double[][][] y = new double[o][oh][ow];
        for (int oc = 0; oc < o; oc++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int ic = 0; ic < c; ic++) {
                        for (int u = 0; u < k; u++) {
                            int yy = i * stride - pad + u;
                            if (yy < 0 || yy >= h) {
                                continue;
                            }
                            for (int v = 0; v < k; v++) {
                                int xx = j * stride - pad + v;
                                if (xx >= 0 && xx < wd) {
                                    s += x[ic][yy][xx] * wv[((oc * c + ic) * k + u) * k + v];
                                }
                            }
                        }
                    }
                    y[oc][i][j] = s;
                }
            }
        }
        return y;
    }

    /** Eval-mode BatchNorm with the tensors {@code name.weight/bias/running_mean/running_var}. */
    static double[][][] bn(double[][][] x, StateDict w, String name, boolean relu) {
        double[][][] y = new double[x.length][x[0].length][x[0][0].length];
        for (int c = 0; c < x.length; c++) {
            double g = w.asMap().get(name + ".weight").getDouble(c),
                    b = w.asMap().get(name + ".bias").getDouble(c);
            double m = w.asMap().get(name + ".running_mean").getDouble(c);
            double v = w.asMap().get(name + ".running_var").getDouble(c);
            for (int i = 0; i < x[0].length; i++) {
                for (int j = 0; j < x[0][0].length; j++) {
                    double t = (x[c][i][j] - m) / Math.sqrt(v + 1e-5) * g + b;
                    y[c][i][j] = relu ? Math.max(0, t) : t;
                }
            }
        }
        return y;
    }

    static double[][][] maxPool3s2(double[][][] x) {
        int h = x[0].length, w = x[0][0].length, oh = (h + 2 - 3) / 2 + 1, ow = (w + 2 - 3) / 2 + 1;
        double[][][] y = new double[x.length][oh][ow];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            int yy = 2 * i - 1 + u, xx = 2 * j - 1 + v;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                m = Math.max(m, x[c][yy][xx]);
                            }
                        }
                    }
                    y[c][i][j] = m;
                }
            }
        }
        return y;
    }

    /** One torchvision bottleneck block (stride on the 3x3 convolution). */
    static double[][][] bottleneck(double[][][] x, StateDict w, String p, int stride, boolean down) {
        double[][][] y = bn(conv(x, w.asMap().get(p + "conv1.weight"), 1, 0), w, p + "bn1", true);
        y = bn(conv(y, w.asMap().get(p + "conv2.weight"), stride, 1), w, p + "bn2", true);
        y = bn(conv(y, w.asMap().get(p + "conv3.weight"), 1, 0), w, p + "bn3", false);
        double[][][] id = down
                ? bn(conv(x, w.asMap().get(p + "downsample.0.weight"), stride, 0), w, p + "downsample.1", false)
                : x;
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < y[0].length; i++) {
                for (int j = 0; j < y[0][0].length; j++) {
                    y[c][i][j] = Math.max(0, y[c][i][j] + id[c][i][j]);
                }
            }
        }
        return y;
    }

    /** A ResNet-50-layout trunk to C5: stem, then layers of bottlenecks ({@code blocks}). */
    static double[][][] resnetBottleneckTrunk(double[][][] x, StateDict w, int[] blocks) {
        double[][][] y = maxPool3s2(bn(conv(x, w.asMap().get("conv1.weight"), 2, 3), w, "bn1", true));
        for (int l = 1; l <= blocks.length; l++) {
            for (int b = 0; b < blocks[l - 1]; b++) {
                y = bottleneck(y, w, "layer" + l + "." + b + ".", b == 0 && l > 1 ? 2 : 1, b == 0);
            }
        }
        return y;
    }

    /** Row-major {@code x [T][in]} times {@code W^T [in][out]} plus bias. */
    static double[][] linear(double[][] x, StateDict w, String name) {
        INDArray wt = w.asMap().get(name + ".weight"), b = w.asMap().get(name + ".bias");
        int out = (int) wt.size(0), in = (int) wt.size(1);
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = b.getDouble(o);
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * wt.getDouble(o, i);
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    static double[][] layerNorm(double[][] x, StateDict w, String name, double eps) {
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            double m = 0, v = 0;
            for (double a : x[t]) {
                m += a;
            }
            m /= x[t].length;
            for (double a : x[t]) {
                v += (a - m) * (a - m);
            }
            v /= x[t].length;
            for (int i = 0; i < x[t].length; i++) {
                y[t][i] = (x[t][i] - m)
                                / Math.sqrt(v + eps)
                                * w.asMap().get(name + ".weight").getDouble(i)
                        + w.asMap().get(name + ".bias").getDouble(i);
            }
        }
        return y;
    }

    /** BERT embeddings (token type 0) and one post-norm layer, for one sequence with its attention mask. */
    static double[][] bertOneLayer(StateDict w, long[] ids, long[] mask, int heads) {
        int t = ids.length,
                h = (int) w.asMap().get("embeddings.word_embeddings.weight").size(1);
        double[][] x = new double[t][h];
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < h; k++) {
                x[i][k] = w.asMap().get("embeddings.word_embeddings.weight").getDouble(ids[i], k)
                        + w.asMap().get("embeddings.position_embeddings.weight").getDouble(i, k)
                        + w.asMap()
                                .get("embeddings.token_type_embeddings.weight")
                                .getDouble(0, k);
            }
        }
        x = layerNorm(x, w, "embeddings.LayerNorm", 1e-12);
        String p = "encoder.layer.0.";
        double[][] q = linear(x, w, p + "attention.self.query"), k = linear(x, w, p + "attention.self.key");
        double[][] v = linear(x, w, p + "attention.self.value");
        int dh = h / heads;
        double[][] ctx = new double[t][h];
        for (int hd = 0; hd < heads; hd++) {
            for (int i = 0; i < t; i++) {
                double[] a = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double s = 0;
                    for (int d = 0; d < dh; d++) {
                        s += q[i][hd * dh + d] * k[j][hd * dh + d];
                    }
                    a[j] = mask[j] == 0 ? Double.NEGATIVE_INFINITY : s / Math.sqrt(dh);
                    max = Math.max(max, a[j]);
                }
                double z = 0;
                for (int j = 0; j < t; j++) {
                    a[j] = Math.exp(a[j] - max);
                    z += a[j];
                }
                for (int j = 0; j < t; j++) {
                    for (int d = 0; d < dh; d++) {
                        ctx[i][hd * dh + d] += a[j] / z * v[j][hd * dh + d];
                    }
                }
            }
        }
        double[][] attn = linear(ctx, w, p + "attention.output.dense");
        for (int i = 0; i < t; i++) {
            for (int d = 0; d < h; d++) {
                attn[i][d] += x[i][d];
            }
        }
        x = layerNorm(attn, w, p + "attention.output.LayerNorm", 1e-12);
        double[][] f = linear(x, w, p + "intermediate.dense");
        for (double[] row : f) {
            for (int d = 0; d < row.length; d++) {
                row[d] = 0.5 * row[d] * (1 + erf(row[d] / Math.sqrt(2)));
            }
        }
        double[][] out = linear(f, w, p + "output.dense");
        for (int i = 0; i < t; i++) {
            for (int d = 0; d < h; d++) {
                out[i][d] += x[i][d];
            }
        }
        return layerNorm(out, w, p + "output.LayerNorm", 1e-12);
    }

    /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7: ample for a 1e-4 comparison). */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return Math.signum(x) * (1 - poly * Math.exp(-x * x));
    }
}

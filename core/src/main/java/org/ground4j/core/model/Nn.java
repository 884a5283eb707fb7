package org.ground4j.core.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few layer primitives the builders share, in PyTorch's weight layout so that imported weights need
 * no transposes: linear weights are {@code [out, in]}, attention projections DETR's packed
 * {@code in_proj_weight [3d, d]}. Sequence tensors are {@code [batch, length, features]}.
 */
final class Nn {

    /** Added to attention logits of padded keys; large enough that softmax gives exactly 0 in float. */
    static final double MASKED = -1e9;

    private final SameDiff sd;
    private final StateDict w;
    private final boolean trainable;

    /**
     * @param w         the weights, keyed by full name
     * @param trainable whether weights become trainable variables (else constants)
     */
    Nn(SameDiff sd, StateDict w, boolean trainable) {
        this.sd = sd;
        this.w = w;
        this.trainable = trainable;
    }

    SameDiff sd() {
        return sd;
    }

    /** A weight as a graph variable named as in the state dict, its shape checked. */
    SDVariable param(String name, long... shape) {
        INDArray v = w.get(name, shape);
        SDVariable existing = sd.getVariable(name);
        if (existing != null) {
            return existing;
        }
        INDArray f = v.castTo(DataType.FLOAT).dup();
        return trainable ? sd.var(name, f) : sd.constant(name, f);
    }

    /** {@code x W^T + b} over the last axis; {@code x: [N, S, in]} -> {@code [N, S, out]}. */
    SDVariable linear(SDVariable x, String name, long in, long out) {
        return linear(x, param(name + ".weight", out, in), param(name + ".bias", out), in, out);
    }

    /**
     * Linear with weight {@code [out, in]} and bias given as variables (e.g. slices of a packed projection).
     * Flattened to one matrix product: SameDiff 1.0.0-M2.1's tensorMmul gradient rejects contracting the
     * weight's second axis.
     */
    SDVariable linear(SDVariable x, SDVariable weight, SDVariable bias, long in, long out) {
        SDVariable lead = sd.slice(x.shape(), new int[] {0}, new int[] {2});
        SDVariable flat = sd.reshape(x, -1, in);
        SDVariable y = sd.mmul(flat, weight, false, true, false).add(bias);
        return sd.reshape(y, sd.concat(0, lead, sd.constant(Nd4j.createFromArray(out))));
    }

    /** {@code [N, T] ids} -> {@code [N, T, dim]} rows of {@code table [rows, dim]}, as a one-hot product. */
    SDVariable embed(SDVariable ids, SDVariable table, int rows, long dim) {
        SDVariable lead = ids.shape();
        SDVariable oneHot = sd.reshape(sd.oneHot(ids, rows, -1, 1.0, 0.0, DataType.FLOAT), -1, rows);
        return sd.reshape(oneHot.mmul(table), sd.concat(0, lead, sd.constant(Nd4j.createFromArray(dim))));
    }

    /**
     * LayerNorm over the feature axis of {@code [N, S, d]} with PyTorch's {@code weight}/{@code bias}. Axes are
     * given as positive numbers: SameDiff 1.0.0-M2.1 reduces {@code mean(true, -1)} over the wrong axis.
     */
    SDVariable layerNorm(SDVariable x, String name, long d, double eps) {
        SDVariable mean = x.mean(true, 2);
        SDVariable centred = x.sub(mean);
        SDVariable var = centred.mul(centred).mean(true, 2);
        SDVariable norm = centred.div(sd.math.sqrt(var.add(eps)));
        return norm.mul(param(name + ".weight", d)).add(param(name + ".bias", d));
    }

    /** Exact (erf) GELU, as BERT uses it: {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    SDVariable gelu(SDVariable x) {
        return x.mul(0.5).mul(sd.math.erf(x.mul(1 / Math.sqrt(2))).add(1.0));
    }

    /**
     * Multi-head attention with DETR/PyTorch packed weights {@code name.in_proj_weight [3d, d]},
     * {@code in_proj_bias [3d]}, {@code out_proj.weight/bias}.
     *
     * @param q       {@code [N, Sq, d]} queries (positions already added)
     * @param k       {@code [N, Sk, d]} keys (positions already added)
     * @param v       {@code [N, Sk, d]} values
     * @param keyBias {@code [N, 1, 1, Sk]}: 0 for real keys, {@link #MASKED} for padding; null for none
     * @return {@code [N, Sq, d]}
     */
    SDVariable attention(SDVariable q, SDVariable k, SDVariable v, SDVariable keyBias, String name, int d, int heads) {
        SDVariable inW = param(name + ".in_proj_weight", 3L * d, d);
        SDVariable inB = param(name + ".in_proj_bias", 3L * d);
        SDVariable qp =
                linear(q, inW.get(SDIndex.interval(0, d), SDIndex.all()), inB.get(SDIndex.interval(0, d)), d, d);
        SDVariable kp = linear(
                k, inW.get(SDIndex.interval(d, 2 * d), SDIndex.all()), inB.get(SDIndex.interval(d, 2 * d)), d, d);
        SDVariable vp = linear(
                v,
                inW.get(SDIndex.interval(2 * d, 3 * d), SDIndex.all()),
                inB.get(SDIndex.interval(2 * d, 3 * d)),
                d,
                d);
        SDVariable out = scaledDotProduct(qp, kp, vp, keyBias, d, heads);
        return linear(out, name + ".out_proj", d, d);
    }

    /** Softmax attention over projected q/k/v, heads split and merged: {@code [N, Sq, d]}. */
    SDVariable scaledDotProduct(SDVariable q, SDVariable k, SDVariable v, SDVariable keyBias, int d, int heads) {
        int dh = d / heads;
        SDVariable qh = splitHeads(q, heads, dh).mul(1 / Math.sqrt(dh)); // [N, h, Sq, dh]
        SDVariable kh = splitHeads(k, heads, dh); // [N, h, Sk, dh]
        SDVariable vh = splitHeads(v, heads, dh);
        SDVariable logits = sd.mmul(qh, kh, false, true, false); // [N, h, Sq, Sk]
        if (keyBias != null) {
            logits = logits.add(keyBias);
        }
        SDVariable attn = sd.nn.softmax(logits, 3);
        SDVariable ctx = sd.mmul(attn, vh); // [N, h, Sq, dh]
        return mergeHeads(ctx, d);
    }

    /** {@code [N, S, h*dh]} -> {@code [N, h, S, dh]}. */
    SDVariable splitHeads(SDVariable x, int heads, int dh) {
        SDVariable lead = sd.slice(x.shape(), new int[] {0}, new int[] {2});
        SDVariable shape = sd.concat(0, lead, sd.constant(Nd4j.createFromArray((long) heads, (long) dh)));
        return sd.permute(sd.reshape(x, shape), 0, 2, 1, 3);
    }

    /** {@code [N, h, S, dh]} -> {@code [N, S, h*dh]}. */
    SDVariable mergeHeads(SDVariable x, int d) {
        SDVariable t = sd.permute(x, 0, 2, 1, 3);
        SDVariable lead = sd.slice(t.shape(), new int[] {0}, new int[] {2});
        SDVariable shape = sd.concat(0, lead, sd.constant(Nd4j.createFromArray((long) d)));
        return sd.reshape(t, shape);
    }

    /**
     * Inverted dropout when {@code p > 0}; the identity otherwise (inference). The mask is drawn from ones of x's
     * (dynamic) shape, outside the gradient's path: SameDiff 1.0.0-M2.1's dropout ops cannot be differentiated
     * ({@code DropOut}) or shaped at run time ({@code DropOutInverted}).
     */
    SDVariable dropout(SDVariable x, double p) {
        if (p <= 0) {
            return x;
        }
        SDVariable ones = sd.fill(x.shape(), DataType.FLOAT, 1.0);
        return x.mul(sd.nn.dropout(ones, 1 - p)).div(1 - p);
    }
}

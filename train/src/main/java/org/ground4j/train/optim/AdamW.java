package org.ground4j.train.optim;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.ground4j.core.model.StateDict;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW (Loshchilov and Hutter 2019) as PyTorch computes it: decoupled weight decay
 * {@code p -= lr * wd * p}, then the bias-corrected Adam step {@code p -= lr * m_hat / (sqrt(v_hat) + eps)}.
 * The learning rate comes per parameter (parameter groups); the state (moments and step) is exported for
 * checkpoints so that a resumed run continues exactly.
 *
 * <pre>{@code
 * AdamW opt = new AdamW(0.9, 0.999, 1e-8, 1e-4);
 * opt.step(params, grads, name -> groups.lr(name, epoch));
 * }</pre>
 */
public final class AdamW {

    private final double beta1, beta2, eps, weightDecay;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private final Map<DataType, INDArray[]> scratch = new EnumMap<>(DataType.class);
    private long step;

    public AdamW(double beta1, double beta2, double eps, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /**
     * One update of every parameter that has a gradient, in place.
     *
     * @param params the arrays to update (the graph's variable arrays)
     * @param grads  gradients, same names
     * @param lr     learning rate of each parameter
     */
    public void step(Map<String, INDArray> params, Map<String, INDArray> grads, ToDoubleFunction<String> lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        Map<DataType, Long> longest = new EnumMap<>(DataType.class);
        for (var e : grads.entrySet()) {
            INDArray p = params.get(e.getKey());
            if (p != null) {
                longest.merge(p.dataType(), p.length(), Math::max);
            }
        }
        // two scratch buffers per data type, kept from step to step, and no temporary array per parameter: for the
        // paper configuration those would add up to gigabytes of native memory that only a garbage collection frees
        longest.forEach((type, n) -> {
            INDArray[] s = scratch.get(type);
            if (s == null || s[0].length() < n) {
                scratch.put(
                        type, new INDArray[] {Nd4j.createUninitialized(type, n), Nd4j.createUninitialized(type, n)});
            }
        });
        for (var e : grads.entrySet()) {
            INDArray p = params.get(e.getKey());
            if (p == null) {
                continue;
            }
            INDArray g = e.getValue().castTo(p.dataType());
            INDArray mi = m.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(p.dataType(), p.shape()));
            INDArray vi = v.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(p.dataType(), p.shape()));
            INDArray[] s = scratch.get(p.dataType());
            INDArray t = view(s[0], p), u = view(s[1], p);
            double rate = lr.applyAsDouble(e.getKey());
            p.muli(1 - rate * weightDecay);
            mi.muli(beta1).addi(t.assign(g).muli(1 - beta1));
            vi.muli(beta2).addi(t.assign(g).muli(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(t.assign(vi).divi(bc2), false).addi(eps);
            p.subi(u.assign(mi).divi(bc1).divi(denom).muli(rate));
        }
    }

    /** The first {@code p.length()} elements of a scratch buffer, in p's shape. */
    private static INDArray view(INDArray scratch, INDArray p) {
        INDArray head = scratch.get(NDArrayIndex.interval(0, p.length()));
        return p.rank() == 0 ? head.reshape('c') : head.reshape('c', p.shape());
    }

    /** Steps taken so far. */
    public long steps() {
        return step;
    }

    /** Moments as tensors {@code adam.m.<name>}, {@code adam.v.<name>}, for a checkpoint. */
    public StateDict state() {
        StateDict s = new StateDict();
        m.forEach((k, a) -> s.put("adam.m." + k, a.dup()));
        v.forEach((k, a) -> s.put("adam.v." + k, a.dup()));
        s.put("adam.step", Nd4j.scalar(DataType.LONG, step));
        return s;
    }

    /** Restores moments and step from {@link #state()}. */
    public void load(StateDict s) {
        m.clear();
        v.clear();
        s.asMap().forEach((k, a) -> {
            if (k.startsWith("adam.m.")) {
                m.put(k.substring(7), a.castTo(DataType.FLOAT).dup());
            } else if (k.startsWith("adam.v.")) {
                v.put(k.substring(7), a.castTo(DataType.FLOAT).dup());
            }
        });
        INDArray st = s.asMap().get("adam.step");
        step = st == null ? 0 : st.getLong(0);
    }
}

package org.ground4j.train.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient ops the executor computes itself instead of with libnd4j's kernel ({@link Lowering}), from libnd4j's
 * elementwise ops and reductions, into pooled buffers.
 */
final class GradientKernels {

    /**
     * A computed gradient: an array in a pooled buffer of its own, or ({@code buffer} null) a view of the incoming
     * gradient's own buffer.
     */
    record Output(INDArray array, BufferPool.Buffer buffer) {}

    private GradientKernels() {}

    /**
     * {@code dx = y * (g - sum(y * g))} along {@code dim}, as libnd4j's {@code softmax_bp} computes it after
     * recomputing y from x, here from the forward's own y.
     */
    static Output softmax(BufferPool pool, INDArray y, INDArray g, int dim) {
        long[] s = y.shape();
        int axis = dim < 0 ? dim + s.length : dim;
        long[] reduced = s.clone();
        reduced[axis] = 1;
        BufferPool.Buffer tb = pool.take(y.dataType(), y.length());
        BufferPool.Buffer sb = pool.take(y.dataType(), y.length() / s[axis]);
        INDArray t = tb.view(s), sum = sb.view(reduced);
        Nd4j.exec(DynamicCustomOp.builder("multiply")
                .addInputs(y, g)
                .addOutputs(t)
                .build());
        Nd4j.exec(DynamicCustomOp.builder("reduce_sum")
                .addInputs(t)
                .addOutputs(sum)
                .addIntegerArguments(axis)
                .addBooleanArguments(true)
                .build());
        Nd4j.exec(DynamicCustomOp.builder("subtract")
                .addInputs(g, sum)
                .addOutputs(t)
                .build());
        BufferPool.Buffer ob = pool.take(y.dataType(), y.length());
        INDArray dx = ob.view(s);
        Nd4j.exec(DynamicCustomOp.builder("multiply")
                .addInputs(y, t)
                .addOutputs(dx)
                .build());
        pool.release(tb);
        pool.release(sb);
        return new Output(dx, ob);
    }

    /**
     * The gradients of {@code z = x + y}, {@code x - y} or {@code x * y} (broadcasting) for an incoming gradient g:
     * {@code g}, {@code -g}, {@code g * y}, {@code g * x}, each summed over the axes its operand was broadcast along.
     * A gradient of the operand's full shape that is g itself is g's own array (libnd4j copies it).
     *
     * @param op     {@code add_bp}, {@code subtract_bp} or {@code multiply_bp}
     * @param x      the left operand (or a stand-in of its shape, when only its shape is needed)
     * @param y      the right operand (likewise)
     * @param unread which of the two gradients nobody reads: those are not computed (null in the result)
     */
    static Output[] binary(BufferPool pool, String op, INDArray x, INDArray y, INDArray g, boolean[] unread) {
        long[] gs = g.shape();
        INDArray[] operands = {x, y};
        Output[] out = new Output[2];
        for (int k = 0; k < 2; k++) {
            if (unread[k]) {
                continue;
            }
            long[] target = operands[k].shape();
            INDArray src = g;
            BufferPool.Buffer srcBuf = null;
            if (op.equals("multiply_bp") || op.equals("subtract_bp") && k == 1) {
                srcBuf = pool.take(g.dataType(), g.length());
                src = srcBuf.view(gs);
                if (op.equals("multiply_bp")) {
                    Nd4j.exec(DynamicCustomOp.builder("multiply")
                            .addInputs(g, operands[1 - k])
                            .addOutputs(src)
                            .build());
                } else {
                    Nd4j.exec(new Negative(g, src));
                }
            }
            if (Arrays.equals(target, gs)) {
                out[k] = new Output(src, srcBuf);
                continue;
            }
            // summed over the broadcast axes: g's axes where the operand (aligned right) has size 1 or none
            int lead = gs.length - target.length;
            List<Integer> axes = new ArrayList<>();
            long[] kept = new long[gs.length];
            for (int d = 0; d < gs.length; d++) {
                kept[d] = d < lead ? 1 : target[d - lead];
                if (kept[d] == 1 && gs[d] != 1) {
                    axes.add(d);
                }
            }
            if (axes.isEmpty()) { // the same elements: only leading axes of size 1 differ
                out[k] = new Output(view(src, target), srcBuf);
                continue;
            }
            long length = 1;
            for (long t : target) {
                length *= t;
            }
            BufferPool.Buffer b = pool.take(g.dataType(), length);
            INDArray sum = b.view(kept);
            try {
                Nd4j.exec(DynamicCustomOp.builder("reduce_sum")
                        .addInputs(src)
                        .addOutputs(sum)
                        .addIntegerArguments(axes)
                        .addBooleanArguments(true)
                        .build());
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "cannot sum a gradient of shape " + Arrays.toString(gs) + " to " + Arrays.toString(target)
                                + " over axes " + axes,
                        e);
            }
            if (srcBuf != null) {
                pool.release(srcBuf);
            }
            out[k] = new Output(view(sum, target), b);
        }
        return out;
    }

    private static INDArray view(INDArray a, long[] shape) {
        return shape.length == 0 ? a.reshape('c') : a.reshape('c', shape);
    }
}

package org.ground4j.train.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;

/**
 * How the executor runs some of SameDiff's gradient ops differently, each giving the same numbers (to float
 * rounding) while keeping fewer activations alive or doing less work:
 * <ul>
 *   <li>the gradient of {@code relu(x)} reads the relu's output instead of x ({@link #inputs});</li>
 *   <li>the gradient of {@code softmax(x)} reads the softmax's output instead of x ({@link #softmaxFromOutput});</li>
 *   <li>inputs read for their shape alone get a stand-in ({@link #shapeOnly});</li>
 *   <li>the gradients of elementwise sums, differences and products pass the incoming gradient on where they can,
 *       and skip outputs nobody reads ({@link #binaryGradient});</li>
 *   <li>reshapes are views of their input ({@link #reshapeView}).</li>
 * </ul>
 * Without lowering ({@code lowered} false) every op runs as SameDiff defines it, which the tests compare against.
 */
final class Lowering {

    private final Map<String, SameDiffOp> ops;
    private final Map<String, Variable> vars;
    private final Set<String> requested;
    private final boolean lowered;

    /**
     * @param requested variables the caller asked for (outputs and gradients): they count as read
     */
    Lowering(Map<String, SameDiffOp> ops, Map<String, Variable> vars, Set<String> requested, boolean lowered) {
        this.ops = ops;
        this.vars = vars;
        this.requested = requested;
        this.lowered = lowered;
    }

    /**
     * The inputs an op reads, with two substitutions. The gradient of {@code relu(x)} (a {@code thresholdedrelu_bp}
     * of threshold 0, {@code g * (x > 0)}) reads the relu's output y instead of x: the same numbers, since
     * {@code y > 0} exactly where {@code x > 0}, and the relu's input (often a large convolution output) then dies
     * right after the relu, as with PyTorch's in-place ReLU. The gradient of a softmax reads its output (see
     * {@link #softmaxFromOutput}).
     */
    List<String> inputs(SameDiffOp op) {
        List<String> in = op.getInputsToOp();
        if (!lowered || in.size() != 2) {
            return in;
        }
        if (op.getOp() instanceof SoftmaxBp bp) {
            for (SameDiffOp fwd : readers(in.get(0))) {
                if (fwd.getOp() instanceof SoftMax sm
                        && fwd.getInputsToOp().equals(List.of(in.get(0)))
                        && Arrays.equals(sm.iArgs(), bp.iArgs())) {
                    return List.of(fwd.getOutputsOfOp().get(0), in.get(1));
                }
            }
        } else if (op.getOp().opName().equals("thresholdedrelu_bp")
                && op.getOp() instanceof DynamicCustomOp c
                && c.tArgs().length == 1
                && c.tArgs()[0] == 0.0) {
            // any relu of x with threshold 0 will do: its output is positive exactly where x is
            for (SameDiffOp relu : readers(in.get(0))) {
                if (relu.getOp() instanceof RectifiedLinear f
                        && f.scalar() != null
                        && f.scalar().getDouble(0) == 0.0
                        && relu.getInputsToOp().equals(List.of(in.get(0)))) {
                    return List.of(relu.getOutputsOfOp().get(0), in.get(1));
                }
            }
        }
        return in;
    }

    /**
     * Whether a softmax gradient reads the softmax's output: {@code dx = y * (g - sum(y * g))}, which libnd4j's
     * {@code softmax_bp} computes after recomputing y from x, and the executor from the forward's own y. The
     * attention logits before the softmax then die right after it: one {@code [N, heads, S, S]} array less per
     * attention layer until the backward.
     */
    boolean softmaxFromOutput(SameDiffOp op, List<String> inputs) {
        return op.getOp() instanceof SoftmaxBp && !inputs.equals(op.getInputsToOp());
    }

    /**
     * Whether an op reads an input for its shape alone. The gradients of an addition or subtraction (they reduce
     * only where the operands broadcast, and need the shapes for that), of a mean or a sum (a broadcast of the
     * gradient), of a slice (the gradient placed into zeros of the input's shape) and of a concatenation read their
     * forward inputs that way. So does the gradient of a product or quotient {@code x * y} whose gradient for y
     * nobody reads (y is a dropout mask, say): only its gradient for x is used, {@code g * y}, and x then serves for
     * its shape alone.
     */
    boolean shapeOnly(SameDiffOp op, int input) {
        if (!lowered) {
            return false;
        }
        int n = op.getInputsToOp().size();
        return switch (op.getOp().opName()) {
            case "add_bp", "subtract_bp" -> input < 2;
            case "reduce_mean_bp", "reduce_sum_bp", "strided_slice_bp" -> input == 0;
            case "concat_bp" -> input < n - 1;
            case "multiply_bp" -> input < 2 && unread(op.getOutputsOfOp().get(1 - input));
            case "divide_bp" -> input == 0 && unread(op.getOutputsOfOp().get(1));
            default -> false;
        };
    }

    /**
     * Whether the executor computes an op itself as the gradient of an elementwise sum, difference or product: the
     * incoming gradient g passed on as g's own array where the operand has g's shape (libnd4j copies it), summed
     * over the broadcast axes where not, and an output nobody reads not computed at all.
     */
    boolean binaryGradient(SameDiffOp op) {
        String name = op.getOp().opName();
        return lowered
                && (name.equals("add_bp") || name.equals("subtract_bp") || name.equals("multiply_bp"))
                && op.getInputsToOp().size() == 3
                && op.getOutputsOfOp().size() == 2;
    }

    /** Whether a reshape's output is a view of its (contiguous) input instead of a copy. */
    boolean reshapeView(SameDiffOp op) {
        return lowered && op.getOp() instanceof Reshape;
    }

    /** Whether no op reads a variable and nobody asked for it. */
    boolean unread(String var) {
        List<String> readers = vars.get(var).getInputsForOp();
        return (readers == null || readers.isEmpty()) && !requested.contains(var);
    }

    private List<SameDiffOp> readers(String var) {
        List<String> names = vars.get(var).getInputsForOp();
        return names == null ? List.of() : names.stream().map(ops::get).toList();
    }
}

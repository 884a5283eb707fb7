package org.ground4j.core.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed execution plan for one output of a frozen SameDiff graph with one placeholder: the same ops with the
 * same kernels as {@link SameDiff#outputSingle}, so the same numbers bit for bit, without SameDiff's per-pass
 * session work. On the first pass with an input shape the plan walks the ops the output needs once, in graph order,
 * works out each op's output shape, and gives every intermediate array a buffer that it shares with arrays whose
 * lifetimes do not overlap (a greedy reuse by element count, as ONNX Runtime's memory planner does); later passes
 * only copy the input in and run the ops on their prepared contexts. What that saves on ResNet-101 at 640 px is
 * measured in {@code benchmarks/README.md}: SameDiff spent about 0.28 s a pass outside the ops' own time
 * (allocating and zeroing fresh outputs, shape functions, dependency bookkeeping).
 *
 * <p>Thread-safe: each concurrent caller takes a prepared plan of its own from a pool (the graph's ops are shared
 * and only read; each plan has its own contexts and buffers). A new input shape replaces the pooled plans. Ops the
 * plan does not know (anything other than custom ops and single-input legacy ops such as ReLU) are rejected by
 * {@link #supports}, so callers can keep SameDiff for such graphs.
 *
 * <pre>{@code
 * ExecutionPlan plan = new ExecutionPlan(imageGraph, "image", "image_tokens_out");
 * INDArray tokens = plan.output(pixels);   // equal to imageGraph.outputSingle(Map.of("image", pixels), ...)
 * plan.close();                            // frees the plans' buffers
 * }</pre>
 */
public final class ExecutionPlan implements AutoCloseable {

    private final SameDiff sd;
    private final String placeholder;
    private final String output;
    private final List<SameDiffOp> order;
    private final Deque<Prepared> idle = new ArrayDeque<>();
    private long[] shape;
    private boolean closed;

    /**
     * @param sd          a graph whose arrays other than the placeholder are constants (an inference graph)
     * @param placeholder the one placeholder the output depends on
     * @param output      the variable to compute
     * @throws UnsupportedOperationException if the output needs an op or a variable the plan cannot run
     */
    public ExecutionPlan(SameDiff sd, String placeholder, String output) {
        this.sd = sd;
        this.placeholder = placeholder;
        this.output = output;
        this.order = opsFor(sd, placeholder, output);
    }

    /** Whether a plan can compute {@code output} of {@code sd} from {@code placeholder} alone. */
    public static boolean supports(SameDiff sd, String placeholder, String output) {
        try {
            opsFor(sd, placeholder, output);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Computes the output for one input; the result is the caller's own array.
     *
     * @throws IllegalArgumentException if the input's data type is not the placeholder's
     */
    public INDArray output(INDArray input) {
        Prepared p = take(input);
        INDArray out;
        if (p == null) {
            p = new Prepared(input); // preparing runs the ops once: its result is this input's output
            out = p.result.dup('c');
        } else {
            try {
                out = p.run(input);
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
        }
        give(p);
        return out;
    }

    /** A pooled plan for the input's shape, or null when the caller must prepare one. */
    private synchronized Prepared take(INDArray input) {
        if (closed) {
            throw new IllegalStateException("execution plan for " + output + " is closed");
        }
        if (shape == null || !Arrays.equals(shape, input.shape())) {
            idle.forEach(Prepared::close);
            idle.clear();
            shape = input.shape().clone();
        }
        return idle.poll();
    }

    private synchronized void give(Prepared p) {
        if (closed || !Arrays.equals(shape, p.input.shape())) {
            p.close();
        } else {
            idle.push(p);
        }
    }

    /** Frees the pooled plans' contexts and buffers; a plan in use is freed when its caller returns it. */
    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(Prepared::close);
        idle.clear();
    }

    /** The ops {@code output} needs, in the graph's order; checks that the plan can run each of them. */
    private static List<SameDiffOp> opsFor(SameDiff sd, String placeholder, String output) {
        Map<String, Variable> vars = sd.getVariables();
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Variable v = vars.get(name);
            if (v == null) {
                throw new UnsupportedOperationException("no variable " + name);
            }
            if (v.getOutputOfOp() == null) {
                VariableType type = v.getVariable().getVariableType();
                if (type == VariableType.PLACEHOLDER && !name.equals(placeholder)) {
                    throw new UnsupportedOperationException(output + " needs placeholder " + name);
                }
                if (type == VariableType.ARRAY) {
                    throw new UnsupportedOperationException(name + " has no producing op and no array");
                }
                continue;
            }
            if (needed.add(v.getOutputOfOp())) {
                todo.addAll(sd.getOps().get(v.getOutputOfOp()).getInputsToOp());
            }
        }
        List<SameDiffOp> order = new ArrayList<>();
        for (SameDiffOp op : sd.getOps().values()) { // insertion order: every op after the ops it reads
            if (needed.contains(op.getName())) {
                DifferentialFunction f = op.getOp();
                boolean custom = f instanceof DynamicCustomOp;
                boolean legacy = f instanceof BaseOp && op.getInputsToOp().size() == 1;
                List<String> deps = op.getControlDeps();
                if (!custom && !legacy || deps != null && !deps.isEmpty()) {
                    throw new UnsupportedOperationException(
                            "op " + op.getName() + " (" + f.opName() + ") is not supported by an execution plan");
                }
                order.add(op);
            }
        }
        return order;
    }

    /** One plan for one input shape: a context per op, every buffer allocated. */
    private final class Prepared implements AutoCloseable {

        private final INDArray input;
        private final List<Step> steps = new ArrayList<>();
        private final INDArray result;

        private record Step(DifferentialFunction op, OpContext context) {
            void run() {
                if (op instanceof CustomOp c) {
                    Nd4j.exec(c, context);
                } else {
                    Nd4j.exec((Op) op, context);
                }
            }
        }

        /** Prepares and runs the ops once on {@code first}'s shape (the run also fills the buffers). */
        Prepared(INDArray first) {
            DataType type = sd.getVariable(placeholder).dataType();
            if (first.dataType() != type) {
                throw new IllegalArgumentException(placeholder + " must be " + type + ", got " + first.dataType());
            }
            input = Nd4j.createUninitialized(type, first.shape(), 'c');
            Map<String, INDArray> arrays = new HashMap<>();
            arrays.put(placeholder, input);
            Map<String, Integer> lastUse = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                for (String in : order.get(i).getInputsToOp()) {
                    lastUse.put(in, i);
                }
            }
            lastUse.put(output, Integer.MAX_VALUE);
            Map<String, INDArray> flatOf = new HashMap<>(); // buffer behind each planned array
            Map<String, Deque<INDArray>> free = new HashMap<>(); // free buffers by data type and length
            input.assign(first);
            for (int i = 0; i < order.size(); i++) {
                SameDiffOp op = order.get(i);
                DifferentialFunction f = op.getOp();
                INDArray[] ins =
                        op.getInputsToOp().stream().map(n -> arrayOf(n, arrays)).toArray(INDArray[]::new);
                OpContext ctx = Nd4j.getExecutioner().buildContext();
                List<LongShapeDescriptor> shapes;
                if (f instanceof DynamicCustomOp c) {
                    ctx.setArgs(ins, c.iArgs(), c.dArgs(), c.tArgs(), c.bArgs());
                    shapes = c.calculateOutputShape(ctx);
                } else {
                    ctx.setInputArrays(ins);
                    shapes = ((BaseOp) f).calculateOutputShape(ctx);
                }
                List<String> outs = op.getOutputsOfOp();
                if (shapes.size() != outs.size()) {
                    throw new UnsupportedOperationException("op " + op.getName() + " gives " + shapes.size()
                            + " shapes for " + outs.size() + " outputs");
                }
                INDArray[] outArrays = new INDArray[outs.size()];
                for (int k = 0; k < outs.size(); k++) {
                    LongShapeDescriptor s = shapes.get(k);
                    DataType dt = sd.getVariable(outs.get(k)).dataType();
                    if (s.isEmpty()) {
                        throw new UnsupportedOperationException("op " + op.getName() + " has an empty output");
                    }
                    long length = Arrays.stream(s.getShape()).reduce(1, Math::multiplyExact);
                    Deque<INDArray> pool = free.get(poolKey(dt, length));
                    INDArray flat = pool == null || pool.isEmpty() ? Nd4j.createUninitialized(dt, length) : pool.pop();
                    flatOf.put(outs.get(k), flat);
                    outArrays[k] = s.getShape().length == 0 ? flat.reshape('c') : flat.reshape('c', s.getShape());
                    arrays.put(outs.get(k), outArrays[k]);
                }
                ctx.setOutputArrays(outArrays);
                Step step = new Step(f, ctx);
                step.run();
                steps.add(step);
                // inputs read for the last time, and outputs nobody reads, leave their buffers to later ops
                for (String in : new HashSet<>(op.getInputsToOp())) {
                    if (flatOf.containsKey(in) && lastUse.get(in) == i) {
                        release(flatOf.get(in), free);
                    }
                }
                for (String out : outs) {
                    if (!lastUse.containsKey(out)) {
                        release(flatOf.get(out), free);
                    }
                }
            }
            result = arrays.get(output);
        }

        private static String poolKey(DataType type, long length) {
            return type + "/" + length;
        }

        private static void release(INDArray flat, Map<String, Deque<INDArray>> free) {
            free.computeIfAbsent(poolKey(flat.dataType(), flat.length()), key -> new ArrayDeque<>())
                    .push(flat);
        }

        private INDArray arrayOf(String name, Map<String, INDArray> arrays) {
            INDArray a = arrays.get(name);
            if (a != null) {
                return a;
            }
            SDVariable v = sd.getVariable(name);
            a = v.getArr();
            if (a == null) {
                throw new UnsupportedOperationException("variable " + name + " has no array");
            }
            arrays.put(name, a);
            return a;
        }

        /** Copies {@code x} in, runs every op on its prepared context and returns a copy of the output. */
        INDArray run(INDArray x) {
            if (x.dataType() != input.dataType()) {
                throw new IllegalArgumentException(
                        placeholder + " must be " + input.dataType() + ", got " + x.dataType());
            }
            input.assign(x);
            for (Step s : steps) {
                s.run();
            }
            return result.dup('c');
        }

        @Override
        public void close() {
            for (Step s : steps) {
                try {
                    s.context().close();
                } catch (Exception e) {
                    // a context holds no resource that outlives the process; nothing to report
                }
            }
        }
    }
}

package org.ground4j.train.exec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.model.TrainingGraph.Segment;
import org.ground4j.train.exec.GradientSchedule.Instr;
import org.ground4j.train.exec.GradientSchedule.Kind;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a training step over SameDiff's ops with one forward pass and bounded memory, instead of SameDiff's
 * training session (which keeps every activation and gradient of the pass alive until it ends, allocates fresh
 * arrays every step, and cannot stop between the forward and the loss). It follows a {@link GradientSchedule}:
 * {@link #forward} runs the ops the forward outputs need and returns them, so that the caller can match
 * predictions to targets on the host; {@link #backward} takes the matching as placeholders and runs the loss and
 * the backward on the activations already computed. Each array goes back to a {@link BufferPool} right after its
 * last reader, each parameter's gradient is handed to a {@link GradientSink} as soon as it is complete, and
 * checkpointed segments are recomputed during the backward. Same kernels on the same inputs as SameDiff's session:
 * the gradients agree with {@code SameDiff.calculateGradients} to float rounding.
 *
 * <p>Not thread-safe: one executor per graph (data-parallel replicas have one each). Arrays returned by
 * {@link #forward} and {@link #backward} are valid until the next {@link #forward}.
 *
 * <pre>{@code
 * try (TrainingExecutor ex = new TrainingExecutor(sd, List.of("logits_5", "boxes_5"), List.of("loss"), params,
 *         List.of())) {
 *     Map<String, INDArray> out = ex.forward(feed, seed);        // decoder outputs, for the matcher
 *     Map<String, INDArray> loss = ex.backward(targets, (name, g) -> grads.get(name).assign(g));
 * }
 * }</pre>
 */
public final class TrainingExecutor implements AutoCloseable {

    /** Receives each parameter's gradient once it is complete; the array is only valid during the call. */
    @FunctionalInterface
    public interface GradientSink {
        void accept(String parameter, INDArray gradient);
    }

    private final GradientSchedule plan;
    private final OpContext[] contexts;
    private final OpMemo[] memos;
    private final INDArray[] ghosts;
    private final INDArray[] value;
    private final BufferPool.Buffer[] buffer;
    /** Each value's shape, kept after its buffer is released (for the ops that read shapes alone). */
    private final long[][] shape;

    private final Map<DataType, INDArray> ghostCells = new java.util.EnumMap<>(DataType.class);
    private final BufferPool pool = new BufferPool();
    private final long fixedBytes;
    private long seed;
    private Map<String, OpTime> opTimes;
    private boolean forwardDone;
    private boolean keep;
    private boolean closed;

    /**
     * @param sd       the forward graph with its loss set ({@code setLossVariables}); its gradient function is
     *                 created here when absent
     * @param forward  outputs that {@link #forward} returns
     * @param loss     outputs that {@link #backward} returns
     * @param params   parameters (trainable variables) whose gradients the sink receives
     * @param segments checkpointed segments, recomputed in the backward (empty for none)
     */
    public TrainingExecutor(
            SameDiff sd, List<String> forward, List<String> loss, List<String> params, List<Segment> segments) {
        this(sd, forward, loss, params, segments, true);
    }

    /** As above; {@code lowered} false runs every op as SameDiff defines it (for tests). */
    TrainingExecutor(
            SameDiff sd,
            List<String> forward,
            List<String> loss,
            List<String> params,
            List<Segment> segments,
            boolean lowered) {
        SameDiff gf = gradientFunction(sd);
        this.plan = new GradientSchedule(
                sd, gf, forward, loss, GradientSchedule.gradientNames(gf, params), segments, lowered);
        int n = plan.instrs.size();
        contexts = new OpContext[n];
        memos = new OpMemo[n];
        value = new INDArray[plan.slots()];
        buffer = new BufferPool.Buffer[plan.slots()];
        shape = new long[plan.slots()][];
        ghosts = new INDArray[plan.slots()];
        long fixed = 0;
        for (int s = 0; s < plan.slots(); s++) {
            if (plan.slotKind.get(s) == Kind.FIXED) {
                INDArray a = fixedArray(s);
                fixed += a.length() * a.dataType().width();
            }
        }
        fixedBytes = fixed;
    }

    /**
     * The gradient function of {@code sd}, created when absent. SameDiff 1.0.0-M2.1 prints one line per
     * differentiated op to standard output while it creates it (a {@code System.out.println} of its own, not a log
     * call). A library does not redirect the process's standard output, so an application whose standard output
     * must stay clean redirects it around the first training step, as {@code ground4j train} does.
     */
    public static SameDiff gradientFunction(SameDiff sd) {
        SameDiff gf = sd.getFunction("grad");
        if (gf != null) {
            return gf;
        }
        sd.createGradFunction();
        return sd.getFunction("grad");
    }

    /**
     * Phase A: the forward pass up to the forward outputs.
     *
     * @param feed placeholders the forward needs (images, text, masks)
     * @param seed seed of this step's random ops (dropout); each op draws from its own seed derived from it
     * @return the forward outputs by name
     */
    public Map<String, INDArray> forward(Map<String, INDArray> feed, long seed) {
        if (closed) {
            throw new IllegalStateException("training executor is closed");
        }
        reset();
        this.seed = seed;
        for (int s = 0; s < plan.slots(); s++) {
            if (plan.slotKind.get(s) == Kind.FIXED) {
                value[s] = fixedArray(s);
            }
        }
        feed(feed, plan.earlyFeeds);
        for (int i = 0; i < plan.phaseEnd; i++) {
            run(i, null);
        }
        forwardDone = true;
        Map<String, INDArray> out = new LinkedHashMap<>();
        plan.forwardOut.forEach((name, s) -> out.put(name, value[s]));
        return out;
    }

    /**
     * Phase B: the loss and the backward, on the activations of the last {@link #forward}.
     *
     * @param feed placeholders the loss needs (matched targets, masks, normalisers)
     * @param sink receives every parameter's gradient
     * @return the loss outputs by name
     */
    public Map<String, INDArray> backward(Map<String, INDArray> feed, GradientSink sink) {
        return backward(feed, sink, false);
    }

    /**
     * As {@link #backward(Map, GradientSink)}; with {@code keepGradients} the arrays handed to the sink stay valid
     * until the next {@link #forward}, so that a caller that applies them directly needs no copy of its own: the
     * gradients then take the memory that the activations give back during the backward, instead of memory of
     * their own beside the activations.
     */
    public Map<String, INDArray> backward(Map<String, INDArray> feed, GradientSink sink, boolean keepGradients) {
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        forwardDone = false;
        keep = keepGradients;
        feed(feed, plan.lateFeeds);
        for (int i = plan.phaseEnd; i < plan.instrs.size(); i++) {
            run(i, sink);
        }
        pool.endStep();
        Map<String, INDArray> out = new LinkedHashMap<>();
        plan.lossOut.forEach((name, s) -> out.put(name, value[s]));
        return out;
    }

    /** What the executor's arrays took, in bytes. */
    public MemoryStats memory() {
        return new MemoryStats(
                fixedBytes,
                pool.peakLiveBytes(),
                pool.peakHeldBytes(),
                pool.heldBytes(),
                pool.allocations(),
                plan.recomputed);
    }

    /**
     * Frees the idle buffers the pool keeps for the next step; the arrays of the last step's outputs stay valid.
     * The next step allocates them again.
     */
    public void releaseIdleBuffers() {
        pool.freeIdle();
        for (OpMemo m : memos) {
            if (m != null) { // views of freed buffers must not be reused
                m.argsIn = null;
                m.argsOut = null;
                m.buffers = null;
                m.views = null;
            }
        }
    }

    /** Starts new peaks (for measuring a later step alone). */
    public void resetPeaks() {
        pool.resetPeaks();
    }

    /** Number of ops a step runs (recomputations included). */
    public int ops() {
        return plan.instrs.size();
    }

    private INDArray fixedArray(int s) {
        String name = plan.slotName.get(s);
        SDVariable v = plan.gf.getVariable(name);
        INDArray a = v.getArr();
        if (a == null) {
            throw new IllegalStateException("variable " + name + " has no array");
        }
        return a;
    }

    private void feed(Map<String, INDArray> feed, Iterable<String> names) {
        for (String name : names) {
            INDArray a = feed.get(name);
            if (a == null) {
                throw new IllegalArgumentException("placeholder " + name + " was not fed");
            }
            DataType want = plan.slotType.get(slot(name));
            value[slot(name)] = a.dataType() == want ? a : a.castTo(want);
        }
    }

    private int slot(String name) {
        return plan.slotByName.get(name);
    }

    /** Releases every buffer still held (the last step's outputs, or what a failed step left). */
    private void reset() {
        for (int s = 0; s < value.length; s++) {
            if (buffer[s] != null) {
                pool.release(buffer[s]);
                buffer[s] = null;
            }
            value[s] = null;
            shape[s] = null;
        }
        forwardDone = false;
    }

    private void run(int i, GradientSink sink) {
        Instr ins = plan.instrs.get(i);
        int[] inSlots = ins.in();
        INDArray[] in = new INDArray[inSlots.length];
        for (int k = 0; k < in.length; k++) {
            in[k] = ins.shapeOnly()[k] ? ghost(inSlots[k]) : value[inSlots[k]];
            if (in[k] == null) {
                throw new IllegalStateException("op " + ins.op().getName() + " reads " + plan.slotName.get(inSlots[k])
                        + ", which has no value");
            }
        }
        if (ins.alias()) {
            share(inSlots[0], ins.out()[0], in[0]);
        } else {
            long t0 = opTimes != null ? System.nanoTime() : 0;
            try {
                exec(i, ins, in);
                if (opTimes != null) {
                    String key = (i < plan.phaseEnd ? "forward " : "backward ")
                            + ins.op().getOp().opName();
                    opTimes.computeIfAbsent(key, x -> new OpTime()).add(System.nanoTime() - t0);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "op " + ins.op().getName() + " (" + ins.op().getOp().opName() + ") failed: " + e.getMessage(),
                        e);
            }
        }
        if (sink != null) {
            for (int o : ins.out()) {
                String param = plan.gradOf.get(o);
                if (param != null) {
                    sink.accept(param, value[o]);
                }
            }
        }
        for (int s : ins.release()) {
            if (keep && plan.gradOf.containsKey(s)) {
                continue; // released by the next forward
            }
            if (buffer[s] != null) {
                pool.release(buffer[s]);
                buffer[s] = null;
            }
            value[s] = null;
        }
    }

    /** Output slot {@code o} is input slot {@code i}'s buffer, seen as {@code view}. */
    private void share(int i, int o, INDArray view) {
        value[o] = view;
        shape[o] = view.shape();
        buffer[o] = buffer[i];
        if (buffer[o] != null) {
            buffer[o].refs++;
        }
    }

    /**
     * A stand-in for a value read for its shape alone: its shape and type over a single element (every stride 0),
     * so that the value itself could be released after its last real reader.
     */
    private INDArray ghost(int slot) {
        long[] s = shape[slot];
        if (s == null) {
            throw new IllegalStateException(plan.slotName.get(slot) + " has no recorded shape");
        }
        INDArray cached = ghosts[slot];
        if (cached != null && Arrays.equals(cached.shape(), s)) {
            return cached;
        }
        INDArray one = ghostCells.computeIfAbsent(plan.slotType.get(slot), t -> Nd4j.zeros(t, 1));
        ghosts[slot] = Nd4j.create(one.data(), s, new long[s.length], 0, 'c');
        return ghosts[slot];
    }

    /**
     * Sets an op's inputs, and its outputs when given, unless its context already holds these very arrays. libnd4j's
     * context keeps a native handle for every array ever set on it until it is purged, so a context rebound each
     * step is purged first: without that, a long run grows by a few megabytes a step.
     */
    private static void bind(OpContext ctx, DifferentialFunction f, INDArray[] in, INDArray[] out, OpMemo m) {
        if (OpMemo.same(m.argsIn, in) && (out == null || OpMemo.same(m.argsOut, out))) {
            return;
        }
        if (m.argsIn != null || m.argsOut != null) {
            ctx.purge();
            m.argsIn = null;
            m.argsOut = null;
        }
        if (f instanceof DynamicCustomOp c) {
            ctx.setArgs(in, c.iArgs(), c.dArgs(), c.tArgs(), c.bArgs());
        } else {
            ctx.setInputArrays(in);
        }
        m.argsIn = in;
        if (out != null) {
            ctx.setOutputArrays(out);
            m.argsOut = out;
        }
    }

    private void exec(int i, Instr ins, INDArray[] in) {
        DifferentialFunction f = ins.op().getOp();
        OpContext ctx = contexts[i];
        OpMemo m = memos[i];
        if (ctx == null) {
            ctx = Nd4j.getExecutioner().buildContext();
            contexts[i] = ctx;
            m = new OpMemo();
            memos[i] = m;
        }
        int[] outSlots = ins.out();
        if (ins.softmaxFromOutput()) {
            put(outSlots[0], GradientKernels.softmax(pool, in[0], in[1], (int) ((DynamicCustomOp) f).iArgs()[0]), -1);
            return;
        }
        if (ins.binaryGradient()) {
            GradientKernels.Output[] g = GradientKernels.binary(pool, f.opName(), in[0], in[1], in[2], ins.unread());
            for (int k = 0; k < g.length; k++) {
                put(outSlots[k], g[k], ins.in()[2]);
            }
            return;
        }
        long[][] key = OpMemo.key(in);
        List<LongShapeDescriptor> shapes = m.shapesFor(key);
        if (shapes == null) {
            bind(ctx, f, in, null, m);
            shapes = f instanceof DynamicCustomOp c
                    ? c.calculateOutputShape(ctx)
                    : ((BaseOp) f).calculateOutputShape(ctx);
            m.key = key;
            m.shapes = shapes;
        }
        if (ins.reshape() && shapes.size() == 1 && !shapes.get(0).isEmpty() && contiguous(in[0])) {
            // a view of the contiguous input: no copy, and no second buffer kept alive for the backward
            long[] target = shapes.get(0).getShape();
            INDArray view = m.reshapeIn == in[0] ? m.reshaped : null;
            if (view == null || !Arrays.equals(view.shape(), target)) {
                view = in[0].reshape('c', target);
                m.reshapeIn = in[0];
                m.reshaped = view;
            }
            share(ins.in()[0], outSlots[0], view);
            return;
        }
        if (shapes.size() != outSlots.length) {
            throw new IllegalStateException(shapes.size() + " output shapes for " + outSlots.length + " outputs");
        }
        if (m.views == null || m.views.length != outSlots.length) {
            m.views = new INDArray[outSlots.length];
            m.buffers = new BufferPool.Buffer[outSlots.length];
        }
        INDArray[] out = new INDArray[outSlots.length];
        for (int k = 0; k < out.length; k++) {
            LongShapeDescriptor s = shapes.get(k);
            // output types follow the graph's variables, as SameDiff's session does (shape functions may differ)
            DataType type = plan.slotType.get(outSlots[k]);
            long[] shape = s.getShape();
            if (s.isEmpty()) {
                out[k] = Nd4j.create(type, shape);
            } else {
                long length = 1;
                for (long d : shape) {
                    length = Math.multiplyExact(length, d);
                }
                BufferPool.Buffer b = pool.take(type, length);
                buffer[outSlots[k]] = b;
                if (m.buffers[k] == b && Arrays.equals(m.views[k].shape(), shape)) {
                    out[k] = m.views[k];
                } else {
                    out[k] = b.view(shape);
                    m.buffers[k] = b;
                    m.views[k] = out[k];
                }
            }
            value[outSlots[k]] = out[k];
            this.shape[outSlots[k]] = shape;
        }
        bind(ctx, f, in, out, m);
        if (f instanceof BaseRandomOp) {
            Nd4j.getRandom().setSeed(seed ^ (0x9E3779B97F4A7C15L * (ins.seedIndex() + 1)));
        }
        if (f instanceof CustomOp c) {
            Nd4j.exec(c, ctx);
        } else {
            Nd4j.exec((Op) f, ctx);
        }
    }

    /**
     * Stores a kernel's output in slot {@code o}: its own buffer, or a view of slot {@code sharedFrom}'s; null (an
     * output nobody reads) leaves the slot empty.
     */
    private void put(int o, GradientKernels.Output out, int sharedFrom) {
        if (out == null) {
            value[o] = null;
        } else if (out.buffer() == null) {
            share(sharedFrom, o, out.array());
        } else {
            buffer[o] = out.buffer();
            value[o] = out.array();
            shape[o] = out.array().shape();
        }
    }

    private static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1 && !a.isEmpty();
    }

    /** Frees the pooled buffers and the op contexts. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reset();
        pool.close();
        for (OpContext c : contexts) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a context holds no resource that outlives the process; nothing to report
                }
            }
        }
    }

    /** Time spent in one kind of op. */
    public static final class OpTime {
        private long nanos;
        private int calls;

        void add(long n) {
            nanos += n;
            calls++;
        }

        public long nanos() {
            return nanos;
        }

        public int calls() {
            return calls;
        }
    }

    /**
     * Starts (or stops, with false) timing every op, summed by phase and op name ("backward conv2d_bp"); costs a
     * clock read per op.
     */
    public void profile(boolean on) {
        opTimes = on ? new LinkedHashMap<>() : null;
    }

    /** The op times since {@link #profile} was switched on; empty when it is off. */
    public Map<String, OpTime> opTimes() {
        return opTimes == null ? Map.of() : Map.copyOf(opTimes);
    }
}

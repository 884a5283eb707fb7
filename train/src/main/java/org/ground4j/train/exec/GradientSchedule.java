package org.ground4j.train.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ground4j.core.model.TrainingGraph.Segment;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;

/**
 * The fixed plan of one training step over SameDiff's gradient function: which ops run, in which order, which
 * array each op reads and writes, and after which op each array is dead. Worked out once from the graph's
 * structure; {@link TrainingExecutor} follows it every step.
 *
 * <ul>
 *   <li><b>Two phases.</b> Phase A holds the ops the forward outputs (decoder logits and boxes) need, plus the
 *       integer-valued ops (shapes) that can already run then, so that a backward op that only needs an
 *       activation's shape does not keep the activation alive. Phase B holds everything else: the loss, which reads
 *       the matching fed between the phases, and the backward.</li>
 *   <li><b>Liveness.</b> Every value is a slot; a slot's buffer goes back to the pool right after its last reader.
 *       Forward activations therefore live exactly until the backward op that needs them has run.</li>
 *   <li><b>Recomputation</b> ({@link Recomputation}). For a checkpointed segment (a ResNet block, a transformer layer) the backward ops read
 *       recomputed copies of the segment's activations: the segment's forward ops run again just before the first
 *       backward op that needs one of them, so between the forward and that point only the segment's input and
 *       output are kept.</li>
 *   <li><b>Lowering</b> ({@link Lowering}): some gradient ops read other values, or run as other kernels, to keep
 *       fewer activations alive.</li>
 *   <li><b>Only what is asked.</b> Ops that none of the requested outputs and gradients need are left out, so the
 *       gradients of frozen parameters (and what only they need) are never computed.</li>
 * </ul>
 */
final class GradientSchedule {

    /** Where a slot's value comes from. */
    enum Kind {
        /** a variable's or constant's array, the same every step */
        FIXED,
        /** a placeholder, fed each step */
        FEED,
        /** an op's output, in a pooled buffer */
        VALUE
    }

    /**
     * One op to run.
     *
     * @param op        the op
     * @param in        slots of its inputs, in the op's order
     * @param out       slots of its outputs
     * @param release   value slots whose last reader this is (and outputs nobody reads)
     * @param shapeOnly which inputs the op reads for their shape alone (it gets a stand-in of that shape, so
     *                  the value itself need not be kept)
     * @param alias     an identity: its output is its input's array, not a copy
     * @param reshape   a reshape: its output is a view of its input where the input is contiguous
     * @param softmaxFromOutput a softmax gradient that reads the softmax's output ({@link Lowering})
     * @param binaryGradient the gradient of an elementwise sum, difference or product, computed by the executor
     *                  ({@link Lowering#binaryGradient})
     * @param unread    which outputs no op reads and nobody asked for
     * @param seedIndex the op's position in the gradient function (a random op's seed derives from it, so a
     *                  recomputation draws the same numbers)
     * @param recompute whether this runs a checkpointed op a second time
     */
    record Instr(
            SameDiffOp op,
            int[] in,
            boolean[] shapeOnly,
            int[] out,
            int[] release,
            boolean alias,
            boolean reshape,
            boolean softmaxFromOutput,
            boolean binaryGradient,
            boolean[] unread,
            int seedIndex,
            boolean recompute) {}

    final SameDiff gf;
    final List<String> slotName = new ArrayList<>();
    final List<Kind> slotKind = new ArrayList<>();
    /** Data type of each slot's values, as the graph declares it. */
    final List<DataType> slotType = new ArrayList<>();

    final List<Instr> instrs = new ArrayList<>();
    /** Instructions [0, phaseEnd) are phase A. */
    int phaseEnd;
    /** Slots of the forward outputs, the loss outputs, by name. */
    final Map<String, Integer> forwardOut = new LinkedHashMap<>(), lossOut = new LinkedHashMap<>();
    /** Gradient slot -> parameter name. */
    final Map<Integer, String> gradOf = new HashMap<>();
    /** Placeholders phase A reads, and those only phase B reads. */
    final Set<String> earlyFeeds = new LinkedHashSet<>(), lateFeeds = new LinkedHashSet<>();
    /** Ops that run a second time under checkpointing. */
    int recomputed;
    /** Slot of each variable's value (recomputed copies are not listed). */
    final Map<String, Integer> slotByName = new HashMap<>();

    private final Map<String, SameDiffOp> ops;
    private final Map<String, Variable> vars;
    private final Map<String, Integer> opIndex = new HashMap<>();
    /** Variables the caller asked for (outputs and gradients). */
    private final Set<String> requested = new HashSet<>();

    /**
     * @param sd          the forward graph with its loss (its ops are the forward ops)
     * @param gf          its gradient function
     * @param forward     outputs phase A computes
     * @param loss        outputs phase B computes
     * @param gradients   parameter name -> its gradient variable in {@code gf}
     * @param segments    checkpointed segments (disjoint), or none
     * @param lowered     whether to apply the memory-saving substitutions (relu and softmax gradients from the
     *                    outputs, shape-only inputs, reshapes as views); without them every op runs as SameDiff
     *                    defines it, which the tests compare against
     */
    GradientSchedule(
            SameDiff sd,
            SameDiff gf,
            List<String> forward,
            List<String> loss,
            Map<String, String> gradients,
            List<Segment> segments,
            boolean lowered) {
        this.gf = gf;
        this.ops = gf.getOps();
        this.vars = gf.getVariables();
        for (String name : ops.keySet()) {
            opIndex.put(name, opIndex.size());
        }
        Set<String> forwardOps = new HashSet<>(sd.getOps().keySet());

        List<String> wanted = new ArrayList<>(forward);
        wanted.addAll(loss);
        wanted.addAll(gradients.values());
        requested.addAll(wanted);
        Set<String> needed = producers(wanted);
        Set<String> phaseA = producers(forward);
        for (String name : phaseA) {
            for (String in : ops.get(name).getInputsToOp()) {
                if (kind(in) == Kind.FEED) {
                    earlyFeeds.add(in);
                }
            }
        }
        // shape-like ops whose inputs phase A already has run right after those inputs exist, so that no
        // activation is kept alive for its shape alone
        List<String> order = new ArrayList<>();
        Map<String, Integer> producedAt = new HashMap<>(); // variable -> index in order of the op producing it
        for (String name : ops.keySet()) {
            if (phaseA.contains(name)) {
                add(order, order.size(), name, producedAt);
            }
        }
        for (String name : ops.keySet()) {
            if (!needed.contains(name) || phaseA.contains(name)) {
                continue;
            }
            SameDiffOp op = ops.get(name);
            boolean integral = op.getOutputsOfOp().stream()
                    .noneMatch(o -> vars.get(o).getVariable().dataType().isFPType());
            int after = -1;
            boolean ready = integral;
            for (String in : op.getInputsToOp()) {
                Kind k = kind(in);
                if (k == Kind.VALUE && producedAt.containsKey(in)) {
                    after = Math.max(after, producedAt.get(in));
                } else if (!(k == Kind.FIXED || k == Kind.FEED && earlyFeeds.contains(in))) {
                    ready = false;
                }
            }
            if (ready) {
                phaseA.add(name);
                add(order, after + 1, name, producedAt);
            }
        }
        int aEnd = order.size();
        for (String name : ops.keySet()) {
            if (needed.contains(name) && !phaseA.contains(name)) {
                order.add(name);
            }
        }
        for (String name : needed) {
            for (String in : ops.get(name).getInputsToOp()) {
                if (kind(in) == Kind.FEED && !earlyFeeds.contains(in)) {
                    lateFeeds.add(in);
                }
            }
        }
        for (String name : order) {
            checkSupported(ops.get(name));
        }
        Lowering lowering = new Lowering(ops, vars, requested, lowered);
        Map<String, List<String>> inputs = new HashMap<>(); // inputs as the schedule reads them (Lowering#inputs)
        for (String name : order) {
            inputs.put(name, lowering.inputs(ops.get(name)));
        }
        Recomputation redo = new Recomputation(segments, order, aEnd, forwardOps, needed, inputs, lowering, ops, vars);
        recomputed = redo.ops;

        // slots and instructions
        Map<String, Integer> slot = new HashMap<>(), redoSlot = new HashMap<>();
        List<int[]> ins = new ArrayList<>(), outs = new ArrayList<>();
        List<boolean[]> shapeOnlyOf = new ArrayList<>();
        List<String> instrOps = new ArrayList<>();
        List<Boolean> redoFlags = new ArrayList<>();
        for (int p = 0; p < order.size(); p++) {
            if (p == aEnd) {
                phaseEnd = instrOps.size();
            }
            for (List<String> group : redo.before.getOrDefault(p, List.of())) {
                for (String name : group) {
                    SameDiffOp op = ops.get(name);
                    int[] in = inputs.get(name).stream()
                            .mapToInt(v -> redoSlot.containsKey(v) ? redoSlot.get(v) : slotOf(v, slot))
                            .toArray();
                    shapeOnlyOf.add(new boolean[in.length]);
                    int[] out = op.getOutputsOfOp().stream()
                            .mapToInt(v -> {
                                int id = newSlot(v + "'", Kind.VALUE);
                                redoSlot.put(v, id);
                                return id;
                            })
                            .toArray();
                    ins.add(in);
                    outs.add(out);
                    instrOps.add(name);
                    redoFlags.add(true);
                }
            }
            String name = order.get(p);
            SameDiffOp op = ops.get(name);
            boolean backward = p >= aEnd && !forwardOps.contains(name);
            List<String> inNames = inputs.get(name);
            int[] in = new int[inNames.size()];
            boolean[] shapeOnly = new boolean[in.length];
            for (int k = 0; k < in.length; k++) {
                String v = inNames.get(k);
                shapeOnly[k] = lowering.shapeOnly(op, k) && kind(v) == Kind.VALUE;
                in[k] = backward && !shapeOnly[k] && redoSlot.containsKey(v) ? redoSlot.get(v) : slotOf(v, slot);
            }
            shapeOnlyOf.add(shapeOnly);
            int[] out =
                    op.getOutputsOfOp().stream().mapToInt(v -> slotOf(v, slot)).toArray();
            ins.add(in);
            outs.add(out);
            instrOps.add(name);
            redoFlags.add(false);
        }
        if (phaseEnd == 0 && aEnd == order.size()) {
            phaseEnd = instrOps.size();
        }

        slotByName.putAll(slot);
        for (String f : forward) {
            forwardOut.put(f, requireSlot(f, slot));
        }
        for (String l : loss) {
            lossOut.put(l, requireSlot(l, slot));
        }
        for (Map.Entry<String, String> e : gradients.entrySet()) {
            gradOf.put(requireSlot(e.getValue(), slot), e.getKey());
        }

        // liveness: each value slot dies after its last reader; requested outputs live until the step ends
        int n = instrOps.size();
        int[] last = new int[slotName.size()];
        Arrays.fill(last, -1);
        for (int i = 0; i < n; i++) {
            for (int s : outs.get(i)) {
                last[s] = Math.max(last[s], i);
            }
            int[] in = ins.get(i);
            for (int k = 0; k < in.length; k++) {
                if (!shapeOnlyOf.get(i)[k]) {
                    last[in[k]] = Math.max(last[in[k]], i);
                }
            }
        }
        Set<Integer> pinned = new HashSet<>(forwardOut.values());
        pinned.addAll(lossOut.values());
        List<List<Integer>> release = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            release.add(new ArrayList<>());
        }
        for (int s = 0; s < slotName.size(); s++) {
            if (slotKind.get(s) == Kind.VALUE && last[s] >= 0 && !pinned.contains(s)) {
                release.get(last[s]).add(s);
            }
        }
        Set<Integer> grads = gradOf.keySet();
        for (int i = 0; i < n; i++) {
            SameDiffOp op = ops.get(instrOps.get(i));
            int[] out = outs.get(i);
            boolean[] unread = new boolean[out.length];
            for (int k = 0; k < out.length; k++) {
                unread[k] = last[out[k]] == i && !pinned.contains(out[k]) && !grads.contains(out[k]);
            }
            instrs.add(new Instr(
                    op,
                    ins.get(i),
                    shapeOnlyOf.get(i),
                    outs.get(i),
                    release.get(i).stream().mapToInt(Integer::intValue).toArray(),
                    op.getOp() instanceof Identity && ins.get(i).length == 1,
                    lowering.reshapeView(op),
                    lowering.softmaxFromOutput(op, inputs.get(instrOps.get(i))),
                    lowering.binaryGradient(op),
                    unread,
                    opIndex.get(instrOps.get(i)),
                    redoFlags.get(i)));
        }
    }

    /** Inserts an op into the order at {@code at}, keeping {@code producedAt} right. */
    private void add(List<String> order, int at, String name, Map<String, Integer> producedAt) {
        order.add(at, name);
        if (at < order.size() - 1) {
            for (Map.Entry<String, Integer> e : producedAt.entrySet()) {
                if (e.getValue() >= at) {
                    e.setValue(e.getValue() + 1);
                }
            }
        }
        for (String o : ops.get(name).getOutputsOfOp()) {
            producedAt.put(o, at);
        }
    }

    int slots() {
        return slotName.size();
    }

    private int newSlot(String name, Kind kind) {
        slotName.add(name);
        slotKind.add(kind);
        slotType.add(gf.getVariable(name.endsWith("'") ? name.substring(0, name.length() - 1) : name)
                .dataType());
        return slotName.size() - 1;
    }

    private int slotOf(String var, Map<String, Integer> slot) {
        Integer s = slot.get(var);
        if (s == null) {
            s = newSlot(var, kind(var));
            slot.put(var, s);
        }
        return s;
    }

    private static int requireSlot(String var, Map<String, Integer> slot) {
        Integer s = slot.get(var);
        if (s == null) {
            throw new IllegalArgumentException("no op of the schedule computes " + var);
        }
        return s;
    }

    private Kind kind(String var) {
        Variable v = vars.get(var);
        if (v == null) {
            throw new IllegalArgumentException("the gradient function has no variable " + var);
        }
        if (v.getOutputOfOp() != null) {
            return Kind.VALUE;
        }
        VariableType t = v.getVariable().getVariableType();
        return t == VariableType.PLACEHOLDER ? Kind.FEED : Kind.FIXED;
    }

    /** The ops {@code outputs} need, transitively. */
    private Set<String> producers(List<String> outputs) {
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            Variable var = vars.get(v);
            if (var == null) {
                throw new IllegalArgumentException("the gradient function has no variable " + v);
            }
            String op = var.getOutputOfOp();
            if (op != null && needed.add(op)) {
                todo.addAll(ops.get(op).getInputsToOp());
            }
        }
        return needed;
    }

    private static void checkSupported(SameDiffOp op) {
        DifferentialFunction f = op.getOp();
        boolean custom = f instanceof DynamicCustomOp;
        boolean legacy = f instanceof BaseOp && op.getInputsToOp().size() == 1;
        List<String> deps = op.getControlDeps();
        if (!custom && !legacy || deps != null && !deps.isEmpty()) {
            throw new UnsupportedOperationException(
                    "op " + op.getName() + " (" + f.opName() + ") cannot run in the training executor");
        }
    }

    /** The names of the gradient variables of {@code params} in {@code gf}. */
    static Map<String, String> gradientNames(SameDiff gf, List<String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params) {
            SDVariable v = gf.getVariable(p);
            SDVariable g = v == null ? null : v.getGradient();
            if (g == null) {
                throw new IllegalArgumentException(
                        "parameter " + p + " has no gradient: the loss does not depend on it");
            }
            out.put(p, g.name());
        }
        return out;
    }
}

package org.ground4j.train.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ground4j.core.model.TrainingGraph.Segment;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;

/**
 * Activation checkpointing as a plan: for each checkpointed segment, which of its forward ops run a second time, and
 * before which backward op. The backward then reads the recomputed copies of the segment's activations, so between
 * the forward and that point only the segment's input and output are kept. A segment's ops are those that descend
 * from its input and lead to its output, and those that derive its parameters from parameters alone (a folded
 * kernel, a slice of a packed projection); only the ops whose results the backward reads (and what they need)
 * are recomputed, and shape-only reads ({@link Lowering#shapeOnly}) need none.
 */
final class Recomputation {

    /** Groups of ops (in forward order) to run again, by the position in the order before which they run. */
    final Map<Integer, List<List<String>>> before = new HashMap<>();
    /** Ops run a second time. */
    int ops;

    private final Map<String, SameDiffOp> graphOps;
    private final Map<String, Variable> vars;

    /**
     * @param order      the schedule's op order (forward ops first, the backward from {@code backwardFrom})
     * @param forwardOps names of the forward graph's ops
     * @param needed     the ops the schedule runs
     * @param inputs     every op's inputs as the schedule reads them
     */
    Recomputation(
            List<Segment> segments,
            List<String> order,
            int backwardFrom,
            Set<String> forwardOps,
            Set<String> needed,
            Map<String, List<String>> inputs,
            Lowering lowering,
            Map<String, SameDiffOp> graphOps,
            Map<String, Variable> vars) {
        this.graphOps = graphOps;
        this.vars = vars;
        Set<String> claimed = new HashSet<>();
        for (Segment seg : segments) {
            Set<String> members = members(seg, forwardOps);
            members.removeAll(claimed);
            members.retainAll(needed);
            claimed.addAll(members);
            Set<String> internal = new HashSet<>();
            for (String m : members) {
                internal.addAll(graphOps.get(m).getOutputsOfOp());
            }
            internal.remove(seg.output());
            // what the backward (not a forward op) reads of the segment, and where it first does
            Set<String> readByBackward = new HashSet<>();
            int first = Integer.MAX_VALUE;
            for (int p = backwardFrom; p < order.size(); p++) {
                String r = order.get(p);
                if (forwardOps.contains(r)) {
                    continue;
                }
                List<String> in = inputs.get(r);
                for (int k = 0; k < in.size(); k++) {
                    if (internal.contains(in.get(k)) && !lowering.shapeOnly(graphOps.get(r), k)) {
                        readByBackward.add(in.get(k));
                        first = Math.min(first, p);
                    }
                }
            }
            if (readByBackward.isEmpty()) {
                continue;
            }
            Set<String> redo = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(readByBackward);
            while (!todo.isEmpty()) {
                String op = vars.get(todo.pop()).getOutputOfOp();
                if (op != null && members.contains(op) && redo.add(op)) {
                    for (String in : inputs.get(op)) {
                        if (internal.contains(in)) {
                            todo.push(in);
                        }
                    }
                }
            }
            List<String> group = order.stream().filter(redo::contains).toList();
            ops += group.size();
            before.computeIfAbsent(first, x -> new ArrayList<>()).add(group);
        }
    }

    private Set<String> members(Segment seg, Set<String> forwardOps) {
        Set<String> ancestors = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(seg.output()));
        while (!todo.isEmpty()) {
            Variable v = vars.get(todo.pop());
            if (v == null) {
                throw new IllegalArgumentException("checkpoint segment names an unknown variable: " + seg);
            }
            String op = v.getOutputOfOp();
            if (op != null && forwardOps.contains(op) && ancestors.add(op)) {
                todo.addAll(graphOps.get(op).getInputsToOp());
            }
        }
        if (vars.get(seg.input()) == null) {
            throw new IllegalArgumentException("checkpoint segment names an unknown variable: " + seg);
        }
        Set<String> beforeInput = producers(seg.input());
        Set<String> descendants = new HashSet<>();
        todo.push(seg.input());
        while (!todo.isEmpty()) {
            List<String> readers = vars.get(todo.pop()).getInputsForOp();
            for (String r : readers == null ? List.<String>of() : readers) {
                if (ancestors.contains(r) && descendants.add(r)) {
                    todo.addAll(graphOps.get(r).getOutputsOfOp());
                }
            }
        }
        Set<String> members = new HashSet<>(descendants);
        Map<String, Boolean> memo = new HashMap<>();
        for (String op : ancestors) {
            if (!beforeInput.contains(op) && parametersOnly(op, memo)) {
                members.add(op);
            }
        }
        return members;
    }

    /** The ops that lead to {@code var}. */
    private Set<String> producers(String var) {
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(var));
        while (!todo.isEmpty()) {
            String op = vars.get(todo.pop()).getOutputOfOp();
            if (op != null && out.add(op)) {
                todo.addAll(graphOps.get(op).getInputsToOp());
            }
        }
        return out;
    }

    /** Whether an op's result follows from parameters and constants alone (no placeholder). */
    private boolean parametersOnly(String op, Map<String, Boolean> memo) {
        Boolean known = memo.get(op);
        if (known != null) {
            return known;
        }
        boolean only = true;
        for (String in : graphOps.get(op).getInputsToOp()) {
            Variable v = vars.get(in);
            if (v.getOutputOfOp() == null
                    ? v.getVariable().getVariableType() == VariableType.PLACEHOLDER
                    : !parametersOnly(v.getOutputOfOp(), memo)) {
                only = false;
                break;
            }
        }
        memo.put(op, only);
        return only;
    }
}

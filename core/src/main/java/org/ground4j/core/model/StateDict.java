package org.ground4j.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ground4j.core.InvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named tensors in PyTorch's naming and layout ({@code layer2.0.conv1.weight} as [out, in, kh, kw],
 * linear weights as [out, in]), the currency between initialisation, import, checkpoints and the
 * builders. Insertion order is kept so that files and reports are stable.
 *
 * <pre>{@code
 * StateDict sd = new StateDict();
 * sd.put("conv1.weight", Nd4j.zeros(64, 3, 7, 7));
 * INDArray w = sd.get("conv1.weight", 64, 3, 7, 7);   // checks the shape
 * }</pre>
 */
public final class StateDict {

    private final Map<String, INDArray> tensors = new LinkedHashMap<>();

    public StateDict put(String name, INDArray value) {
        tensors.put(name, value);
        return this;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor, checked against the expected shape. */
    public INDArray get(String name, long... shape) {
        INDArray v = tensors.get(name);
        if (v == null) {
            throw new InvalidInputException(
                    "missing tensor \"" + name + "\" (expected shape " + java.util.Arrays.toString(shape) + ")");
        }
        if (!java.util.Arrays.equals(v.shape(), shape)) {
            throw new InvalidInputException("tensor \"" + name + "\" has shape " + java.util.Arrays.toString(v.shape())
                    + ", expected " + java.util.Arrays.toString(shape));
        }
        return v;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The tensors under {@code prefix + "."}, with the prefix removed. */
    public StateDict sub(String prefix) {
        StateDict out = new StateDict();
        String p = prefix + ".";
        tensors.forEach((k, v) -> {
            if (k.startsWith(p)) {
                out.put(k.substring(p.length()), v);
            }
        });
        return out;
    }

    /** Adds every tensor of {@code other} under {@code prefix + "."}. */
    public StateDict putAll(String prefix, StateDict other) {
        other.tensors.forEach((k, v) -> put(prefix + "." + k, v));
        return this;
    }

    public int size() {
        return tensors.size();
    }

    /** Total number of scalars. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(INDArray::length).sum();
    }
}

package org.ground4j.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies pretrained tensors into a model's weights: a torchvision ResNet {@code state_dict} into the
 * backbone ({@code fc.*} and {@code num_batches_tracked} ignored) and a HuggingFace {@code BertModel} into the
 * text encoder (with or without the {@code bert.} prefix of {@code BertFor*} heads; the pooler and MLM/NSP
 * heads ignored). Every tensor is matched by name and shape; what did not fit is reported, never guessed.
 *
 * <pre>{@code
 * StateDict w = ModelInit.init(cfg, 42);
 * WeightImport.Report r = WeightImport.resnet(w, SafeTensors.read(Path.of("resnet101.safetensors")).tensors());
 * System.out.println(r);   // loaded 314, missing 0, unexpected 0, mismatched 0
 * }</pre>
 */
public final class WeightImport {

    /**
     * What an import did.
     *
     * @param loaded     target names that received a tensor
     * @param missing    target names the source did not provide (they keep their fresh values)
     * @param unexpected source names with no target (after the ignored ones)
     * @param mismatched "name: source [..] vs model [..]" for same-named tensors of different shape (not loaded)
     */
    public record Report(List<String> loaded, List<String> missing, List<String> unexpected, List<String> mismatched) {

        /** True when every target tensor was loaded and nothing was left over. */
        public boolean complete() {
            return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(
                    "loaded %d, missing %d, unexpected %d, mismatched %d",
                    loaded.size(), missing.size(), unexpected.size(), mismatched.size()));
            append(sb, "missing", missing);
            append(sb, "unexpected", unexpected);
            append(sb, "mismatched", mismatched);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String what, List<String> names) {
            if (!names.isEmpty()) {
                sb.append("\n  ")
                        .append(what)
                        .append(": ")
                        .append(String.join(", ", names.subList(0, Math.min(10, names.size()))));
                if (names.size() > 10) {
                    sb.append(", ... (").append(names.size() - 10).append(" more)");
                }
            }
        }
    }

    private WeightImport() {}

    /** torchvision ResNet names ({@code layer2.0.conv1.weight}) into {@code backbone.*}. */
    public static Report resnet(StateDict model, StateDict source) {
        return copy(model, "backbone.", source, "", n -> n.startsWith("fc.") || n.endsWith("num_batches_tracked"));
    }

    /** HuggingFace BertModel names, with or without {@code bert.}, into {@code text_encoder.*}. */
    public static Report bert(StateDict model, StateDict source) {
        boolean prefixed = source.names().stream().anyMatch(n -> n.startsWith("bert."));
        return copy(
                model,
                TextEncoder.PREFIX + ".",
                source,
                prefixed ? "bert." : "",
                n -> n.contains("pooler.")
                        || n.startsWith("cls.")
                        || n.endsWith("position_ids")
                        || (prefixed && !n.startsWith("bert.")));
    }

    private static Report copy(
            StateDict model,
            String targetPrefix,
            StateDict source,
            String sourcePrefix,
            java.util.function.Predicate<String> ignored) {
        List<String> loaded = new ArrayList<>(),
                missing = new ArrayList<>(),
                unexpected = new ArrayList<>(),
                mismatched = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String target : model.names()) {
            if (!target.startsWith(targetPrefix)) {
                continue;
            }
            String src = sourcePrefix + target.substring(targetPrefix.length());
            INDArray s = source.asMap().get(src);
            if (s == null) {
                missing.add(target);
                continue;
            }
            used.add(src);
            INDArray t = model.asMap().get(target);
            if (!Arrays.equals(s.shape(), t.shape())) {
                mismatched.add(
                        src + ": source " + Arrays.toString(s.shape()) + " vs model " + Arrays.toString(t.shape()));
                continue;
            }
            model.put(target, s.castTo(DataType.FLOAT).dup());
            loaded.add(target);
        }
        for (String n : source.names()) {
            if (!used.contains(n) && !ignored.test(n)) {
                unexpected.add(n);
            }
        }
        return new Report(loaded, missing, unexpected, mismatched);
    }
}

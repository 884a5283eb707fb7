package org.ground4j.core.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.core.io.ConfigErrors;
import org.ground4j.core.io.SafeTensors;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.StateDict;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A checkpoint on disk is one directory:
 * <pre>
 *   model.yaml            configuration
 *   weights.safetensors   weights, F32, PyTorch names
 *   tokenizer.json        HF tokenizer (when the checkpoint has one)
 *   inference.json        threshold and fusion IoU
 *   provenance.json       seed, data, code version
 *   train_state.safetensors + train_state.json   (optional) optimiser state
 *   checksums.sha256      "sha256  file" for every file above
 * </pre>
 * Saving writes a sibling temporary directory and renames it into place, so a crash leaves either the old
 * or the new checkpoint (during the swap the old one is kept as {@code NAME.old}, which {@link #load} falls
 * back to). Loading verifies every checksum first: a truncated or edited file is named, never half-read.
 */
public final class CheckpointIO {

    static final String CONFIG = "model.yaml";
    static final String WEIGHTS = "weights.safetensors";
    static final String TOKENIZER = "tokenizer.json";
    static final String INFERENCE = "inference.json";
    static final String PROVENANCE = "provenance.json";
    static final String TRAIN_STATE = "train_state.safetensors";
    static final String TRAIN_STATE_JSON = "train_state.json";
    static final String CHECKSUMS = "checksums.sha256";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CheckpointIO() {}

    /** Writes the checkpoint to {@code dir} atomically, replacing what was there. */
    public static void save(Path dir, Checkpoint c) {
        Path target = dir.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Path old = target.resolveSibling(target.getFileName() + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            c.config().save(tmp.resolve(CONFIG));
            SafeTensors.write(tmp.resolve(WEIGHTS), c.weights(), Map.of("format", "pt", "producer", "ground4j"));
            if (c.tokenizerJson() != null) {
                AtomicFiles.write(tmp.resolve(TOKENIZER), out -> out.write(c.tokenizerJson()));
            }
            AtomicFiles.writeString(tmp.resolve(INFERENCE), JSON.writeValueAsString(c.inference()));
            AtomicFiles.writeString(tmp.resolve(PROVENANCE), JSON.writeValueAsString(new TreeMap<>(c.provenance())));
            if (c.trainState() != null) {
                SafeTensors.write(tmp.resolve(TRAIN_STATE), c.trainState(), Map.of());
            }
            if (c.trainStateJson() != null) {
                AtomicFiles.writeString(tmp.resolve(TRAIN_STATE_JSON), c.trainStateJson());
            }
            StringBuilder sums = new StringBuilder();
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.sorted().toList()) {
                    sums.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
                }
            }
            AtomicFiles.writeString(tmp.resolve(CHECKSUMS), sums.toString());
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @throws InvalidInputException naming the file and the problem: missing directory or file, checksum mismatch
     *                               (truncated or edited), unreadable configuration or weights
     */
    public static Checkpoint load(Path dir) {
        Path d = dir;
        if (!Files.isDirectory(d)) {
            Path old = dir.toAbsolutePath().resolveSibling(dir.getFileName() + ".old");
            if (Files.isDirectory(old)) {
                d = old; // a save was interrupted between its two renames
            } else {
                throw new CheckpointException(dir + ": no such checkpoint directory");
            }
        }
        verify(d);
        ModelConfig config = ModelConfig.load(d.resolve(CONFIG));
        StateDict weights = SafeTensors.read(d.resolve(WEIGHTS)).tensors();
        requireFinite(weights, d.resolve(WEIGHTS));
        try {
            byte[] tok = Files.exists(d.resolve(TOKENIZER)) ? Files.readAllBytes(d.resolve(TOKENIZER)) : null;
            InferenceSettings inf = JSON.readValue(d.resolve(INFERENCE).toFile(), InferenceSettings.class);
            Map<String, String> prov = JSON.readValue(
                    d.resolve(PROVENANCE).toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
            StateDict ts = Files.exists(d.resolve(TRAIN_STATE))
                    ? SafeTensors.read(d.resolve(TRAIN_STATE)).tensors()
                    : null;
            String tsj =
                    Files.exists(d.resolve(TRAIN_STATE_JSON)) ? Files.readString(d.resolve(TRAIN_STATE_JSON)) : null;
            return new Checkpoint(config, weights, tok, inf, prov, ts, tsj);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(d + ": unreadable checkpoint: " + ConfigErrors.describe(e), e);
        }
    }

    /**
     * Refuses weights holding a NaN or an infinity: checksums only say the file is the one that was written, and a
     * diverged run writes such weights faithfully; caught here, the error names the tensor instead of surfacing as
     * a NaN score at the first sentence.
     */
    static void requireFinite(StateDict weights, Path file) {
        for (String name : weights.names()) {
            INDArray w = weights.asMap().get(name);
            if (!w.dataType().isFPType()
                    || w.isEmpty()
                    || Double.isFinite(w.sumNumber().doubleValue())) {
                continue; // a finite sum: no NaN or infinity (a true overflow of the sum is checked below too)
            }
            float[] v = w.dup().data().asFloat();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new CheckpointException(file + ": tensor " + name + " holds " + v[i] + " (element " + i
                            + " of " + v.length + "); the weights are unusable, take an earlier checkpoint");
                }
            }
        }
    }

    /** Checks every file against the manifest; names the first that differs. */
    static void verify(Path d) {
        Path manifest = d.resolve(CHECKSUMS);
        if (!Files.exists(manifest)) {
            throw new CheckpointException(d + ": not a ground4j checkpoint (no " + CHECKSUMS + ")");
        }
        try {
            List<String> lines = Files.readAllLines(manifest);
            for (String required : List.of(CONFIG, WEIGHTS, INFERENCE, PROVENANCE)) {
                if (lines.stream().noneMatch(l -> l.endsWith("  " + required))) {
                    throw new CheckpointException(d.resolve(required) + ": missing from the checkpoint manifest");
                }
            }
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                int sep = line.indexOf("  ");
                if (sep != 64) {
                    throw new CheckpointException(manifest + ": malformed line \"" + line + "\"");
                }
                Path f = d.resolve(line.substring(sep + 2));
                if (!Files.exists(f)) {
                    throw new CheckpointException(f + ": missing (listed in " + CHECKSUMS + ")");
                }
                String actual = sha256(f);
                if (!actual.equals(line.substring(0, sep))) {
                    throw new CheckpointException(f + ": checksum mismatch (" + Files.size(f)
                            + " bytes; truncated or modified since the checkpoint was written)");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(d + ": cannot read checkpoint: " + e.getMessage(), e);
        }
    }

    static String sha256(Path f) throws IOException {
        return org.ground4j.core.io.Hashing.sha256(f);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}

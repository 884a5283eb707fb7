package org.ground4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;

/**
 * What the tests of this module share: one local Spark session ({@code local[2,2]}: two task threads, a task may
 * fail once and is retried), an untrained tiny checkpoint (threshold 0, so every sentence gets boxes), and
 * SynthCXR studies made into reports.
 */
final class Fixtures {

    private static SparkSession spark;
    private static Path root;
    private static Path model;
    private static Path synth;

    private Fixtures() {}

    /** The session of every test class (stopped by Spark's shutdown hook). */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .appName("ground4j-spark tests")
                    .master("local[2,2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return spark;
    }

    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("ground4j-spark-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        }
        return root;
    }

    /** The tiny checkpoint, written once. */
    static synchronized Path model() {
        if (model == null) {
            ModelConfig cfg = ModelConfig.tiny(148);
            byte[] tokenizer;
            try (InputStream in = Fixtures.class.getResourceAsStream("/tokenizer.json")) {
                tokenizer = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            model = root().resolve("model");
            CheckpointIO.save(
                    model,
                    new Checkpoint(
                            cfg,
                            ModelInit.init(cfg, 11),
                            tokenizer,
                            new InferenceSettings(0.0, 0.1),
                            Map.of("purpose", "spark test"),
                            null,
                            null));
        }
        return model;
    }

    /** SynthCXR, 14 sentences on 5 images, generated once into {@code root()/synth}. */
    static synchronized Path synth() {
        if (synth == null) {
            synth = root().resolve("synth");
            SynthCxr.generate(new SynthConfig(14, 5, 1, 0, 512), synth);
        }
        return synth;
    }

    /** One report per SynthCXR image, its sentences joined: {@code {"id": "study-K", "image", "report"}}. */
    static List<String> synthReports() {
        Map<String, List<String>> byImage = new LinkedHashMap<>();
        for (Sample s : SampleJsonl.read(synth().resolve(SynthCxr.EXPERT))) {
            byImage.computeIfAbsent(s.image(), k -> new ArrayList<>()).add(s.sentence());
        }
        List<String> lines = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, List<String>> e : byImage.entrySet()) {
            lines.add("{\"id\": \"study-" + k++ + "\", \"image\": \"" + e.getKey() + "\", \"report\": \""
                    + String.join(" ", e.getValue()).replace("\"", "\\\"") + "\", \"source\": \"synthcxr\"}");
        }
        return lines;
    }

    /** The SynthCXR reports and one bad row of each kind, written as {@code name} beside the images. */
    static Path reportsWithBadRows(String name) {
        List<String> good = synthReports();
        String image = good.get(0).replaceAll(".*\"image\": \"([^\"]+)\".*", "$1");
        List<String> lines = new ArrayList<>(good);
        lines.add(2, "");
        lines.add("{\"id\": \"42\", \"study\": 7, \"image\": \"" + image + "\", \"report\": \"Derrame pleural. "
                + "Sin neumotórax.\"}");
        lines.add("{\"id\": \"bad-image\", \"image\": \"images/missing.png\", \"report\": \"Cardiomegaly.\"}");
        lines.add("{\"id\": \"bad-report\", \"image\": \"" + image + "\", \"report\": \"   \"}");
        lines.add("not json at all");
        lines.add("{\"id\": \"headers-only\", \"image\": \"" + image + "\", \"report\": \"FINDINGS:\"}");
        lines.add("{\"id\": \"study-1\", \"image\": \"" + image + "\", \"report\": \"Duplicate.\"}");
        return write(synth().resolve(name), lines);
    }

    static Path write(Path file, List<String> lines) {
        try {
            return Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a folder's part files, in part order (the order a reader of the folder sees). */
    static List<String> partLines(Path folder) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The committed run folders of an output folder, oldest first. */
    static List<Path> runs(Path output) {
        try (Stream<Path> dirs = Files.list(output)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("run-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every grounded line of an output folder, run after run. */
    static List<String> allLines(Path output) {
        List<String> lines = new ArrayList<>();
        for (Path run : runs(output)) {
            lines.addAll(partLines(run));
        }
        return lines;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files
        }
    }
}

package org.ground4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.ground4j.core.InvalidInputException;
import org.ground4j.infer.Grounder;

/**
 * The grounders of one JVM (an executor, or the driver in local mode), one per {@link ModelSpec}, loaded on first
 * use and kept until the JVM exits. Tasks share them across threads and across jobs: {@link Grounder} is
 * thread-safe, and loading a checkpoint (native weights, tokenizer) costs far more than grounding a partition.
 */
final class ExecutorGrounders {

    private static final ConcurrentMap<String, Grounder> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorGrounders() {}

    /**
     * The grounder of {@code spec}, loaded by the first caller; the others wait for that load.
     *
     * @throws InvalidInputException when the checkpoint is missing or unusable (nothing is kept, so a retried task
     *                               tries again)
     */
    static Grounder get(ModelSpec spec, Configuration conf) {
        return LOADED.computeIfAbsent(spec.key(), k -> {
            Grounder g = Grounder.load(localCheckpoint(spec.location(), conf), spec.options());
            LOADS.incrementAndGet();
            return g;
        });
    }

    /** How many checkpoints this JVM has loaded (tests: one per model, however many tasks and jobs ran). */
    static int loads() {
        return LOADS.get();
    }

    /** Closes every grounder of this JVM (the driver of a local-mode run, when it is done). */
    static void closeAll() {
        LOADED.values().removeIf(g -> {
            g.close();
            return true;
        });
    }

    /**
     * Where the checkpoint lies on this machine: a local folder as given (relative to the working directory, where
     * YARN unpacks {@code --archives}), else the folder of that name among the files Spark shipped to this node;
     * a Hadoop URI is copied to a temporary folder first.
     */
    static Path localCheckpoint(String location, Configuration conf) {
        org.apache.hadoop.fs.Path hadoopPath = hadoopPath(location);
        String scheme = hadoopPath.toUri().getScheme();
        if (scheme == null || "file".equals(scheme)) {
            Path local = Path.of(scheme == null ? location : hadoopPath.toUri().getPath());
            if (!Files.exists(local) && SparkEnv.get() != null && !local.isAbsolute()) {
                Path shipped = Path.of(SparkFiles.getRootDirectory()).resolve(local);
                if (Files.isDirectory(shipped)) {
                    return shipped;
                }
            }
            return local; // a missing folder is named by CheckpointIO
        }
        return copyToLocal(hadoopPath, conf);
    }

    /** True when {@code location} names an existing checkpoint folder as this JVM sees it (the driver's check). */
    static boolean exists(String location, Configuration conf) {
        org.apache.hadoop.fs.Path p = hadoopPath(location);
        String scheme = p.toUri().getScheme();
        if (scheme == null || "file".equals(scheme)) {
            return Files.isDirectory(localCheckpoint(location, conf));
        }
        try {
            return p.getFileSystem(conf).getFileStatus(p).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new InvalidInputException(location + ": cannot read the checkpoint: " + e.getMessage(), e);
        }
    }

    static org.apache.hadoop.fs.Path hadoopPath(String location) {
        try {
            return new org.apache.hadoop.fs.Path(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(location + ": not a path or URI: " + e.getMessage(), e);
        }
    }

    private static Path copyToLocal(org.apache.hadoop.fs.Path src, Configuration conf) {
        try {
            FileSystem fs = src.getFileSystem(conf);
            FileStatus[] files;
            try {
                files = fs.listStatus(src);
            } catch (FileNotFoundException e) {
                throw new InvalidInputException(src + ": no such checkpoint directory");
            }
            Path dir = Files.createTempDirectory("ground4j-checkpoint-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            for (FileStatus f : files) {
                if (f.isFile()) {
                    fs.copyToLocalFile(
                            false,
                            f.getPath(),
                            new org.apache.hadoop.fs.Path(
                                    dir.resolve(f.getPath().getName()).toUri()),
                            true);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy the checkpoint " + src + " to local disk: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary copy left behind is harmless
        }
    }
}

package org.ground4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.image.ImageLimits;
import org.ground4j.core.io.OutputLock;
import org.ground4j.infer.GrounderOptions;

/**
 * {@code ground4j attach} as an Apache Spark job, for more reports than one machine grounds in time.
 *
 * <p><b>Input</b>: the studies of {@code attach}, one per row, as JSON Lines ({@code {"id", "image", "report",
 * ...}}, a file or a folder of files) or Parquet (columns {@code id}, {@code image}, {@code report}, any others).
 * Image paths are read through the Hadoop file system: absolute paths and URIs ({@code hdfs://}, {@code s3a://},
 * {@code file:}) as they are, relative paths against the folder that holds the input file, as {@code attach}
 * does (for a folder of JSON Lines files: that folder; for a Parquet folder: the folder holding it).
 *
 * <p><b>Output</b>: a folder; each run adds a sub-folder {@code run-<UTC time>-<random>/} of part files holding
 * exactly what {@code attach} writes: the input row, keys and order kept, plus {@code "sentences": [{"text",
 * "start", "end", "boxes", "scores"}]} (JSON Lines in {@code part-*.txt}; or Parquet with a {@code sentences}
 * column of that structure). Rows come out in input order across the part files. Reading every run
 * ({@code spark.read().json("OUTPUT/run-*")}, or {@code cat OUTPUT/run-*}{@code /part-*} for the file
 * {@code attach} would have written) gives every grounded row once.
 *
 * <p><b>Exactly once, resumable</b>: a run is written through Hadoop's file output committer, so a retried or
 * speculative task leaves no duplicate or partial rows and a run's folder appears whole (with {@code _SUCCESS})
 * or not at all; the next run deletes an unfinished run folder and skips the ids already in the committed ones.
 * One run at a time per output folder: on the local file system a second run is refused while the first holds
 * {@code .OUTPUT.lock} ({@link OutputLock}); on HDFS or an object store that is the caller's to ensure.
 *
 * <p><b>Bad rows</b> (not a JSON object, no id, no image, empty report, repeated id, unreadable image, no sentence)
 * never fail the job: they go to {@code OUTPUT.errors.jsonl/} beside the output ({@code {"line", "id", "error"}},
 * the messages of {@code attach}; rewritten by each run), and are retried by the next run. {@code line} is the
 * 1-based row number in the order Spark reads the input: for a single JSON Lines file, its line number.
 *
 * <p><b>Model</b>: loaded once per executor JVM, shared by its task threads ({@link ExecutorGrounders}); each
 * report's image is encoded once and its sentences grounded in one batch ({@link
 * org.ground4j.infer.Grounder#groundReport}).
 *
 * <pre>{@code
 * SparkAttach.Summary s = SparkAttach.builder("hdfs:///models/demo", "hdfs:///reports/2026-11", "hdfs:///grounded")
 *         .partitions(400).build().run(spark);
 * }</pre>
 */
public final class SparkAttach {

    /** Row formats of input and output. */
    public enum Format {
        /** One JSON object per line. */
        JSONL,
        /** Apache Parquet. */
        PARQUET;

        /**
         * @throws InvalidInputException for anything but {@code jsonl} and {@code parquet}
         */
        public static Format of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "jsonl", "json" -> JSONL;
                case "parquet" -> PARQUET;
                default -> throw new InvalidInputException("unknown format \"" + name + "\" (jsonl or parquet)");
            };
        }

        /** Parquet when the path ends with {@code .parquet}, else JSON Lines. */
        public static Format guess(String path) {
            return stripSlashes(path).toLowerCase(Locale.ROOT).endsWith(".parquet") ? PARQUET : JSONL;
        }
    }

    /**
     * What a run did.
     *
     * @param written rows grounded and committed by this run
     * @param skipped rows whose id was already in the output
     * @param failed  bad rows, listed in {@code errors}
     * @param run     the run's folder, or {@code null} when there was nothing to do
     * @param errors  the error folder, or {@code null} when there was nothing to do
     */
    public record Summary(long written, long skipped, long failed, String run, String errors) {}

    /** Rows per grounding partition when {@link Builder#partitions} is not set (and at least 2 per core). */
    public static final int ROWS_PER_PARTITION = 500;

    private static final StructType PLANNED = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("id", DataTypes.StringType, true)
            .add("json", DataTypes.StringType, false)
            .add("problem", DataTypes.StringType, true);
    private static final StructType RESULT = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("id", DataTypes.StringType, true)
            .add("ok", DataTypes.BooleanType, false)
            .add("value", DataTypes.StringType, false);

    /** The Parquet type of {@code sentences}: what {@link org.ground4j.infer.ReportJson#sentences} writes. */
    public static final ArrayType SENTENCES = DataTypes.createArrayType(new StructType()
            .add("text", DataTypes.StringType)
            .add("start", DataTypes.IntegerType)
            .add("end", DataTypes.IntegerType)
            .add("boxes", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)))
            .add("scores", DataTypes.createArrayType(DataTypes.DoubleType)));

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final ModelSpec model;
    private final String input;
    private final String output;
    private final Format inputFormat;
    private final Format outputFormat;
    private final int partitions;
    private final FailureInjection failures;

    private SparkAttach(Builder b) {
        this.model =
                new ModelSpec(b.model, b.threshold, b.fusionIou, b.relativeThreshold, b.maxImagePixels, b.maxImageSide);
        this.input = b.input;
        this.output = b.output;
        this.inputFormat = b.inputFormat != null ? b.inputFormat : Format.guess(b.input);
        this.outputFormat = b.outputFormat != null ? b.outputFormat : inputFormat;
        this.partitions = b.partitions;
        this.failures = b.failures;
    }

    /** The checkpoint and the settings the executors ground with. */
    ModelSpec model() {
        return model;
    }

    /**
     * A job over {@code input} into the folder {@code output} with the checkpoint at {@code model} (see
     * {@link ModelSpec#location}).
     */
    public static Builder builder(String model, String input, String output) {
        return new Builder(model, input, output);
    }

    /** Settings of a {@link SparkAttach}; formats default to the input's extension, partitions to automatic. */
    public static final class Builder {
        private final String model;
        private final String input;
        private final String output;
        private Double threshold;
        private Double fusionIou;
        private Double relativeThreshold;
        private Long maxImagePixels;
        private Integer maxImageSide;
        private Format inputFormat;
        private Format outputFormat;
        private int partitions;
        private FailureInjection failures;

        private Builder(String model, String input, String output) {
            this.model = Objects.requireNonNull(model, "model");
            this.input = Objects.requireNonNull(input, "input");
            this.output = Objects.requireNonNull(output, "output");
        }

        /** Confidence threshold in [0,1] instead of the checkpoint's; {@code null} keeps it. */
        public Builder threshold(Double t) {
            this.threshold = t;
            return this;
        }

        /** Weighted box fusion IoU in [0,1] instead of the checkpoint's; {@code null} keeps it. */
        public Builder fusionIou(Double iou) {
            this.fusionIou = iou;
            return this;
        }

        /**
         * Relative threshold in [0,1] instead of the checkpoint's (a sentence keeps the fused boxes scoring at least
         * this share of its best); {@code null} keeps it.
         */
        public Builder relativeThreshold(Double r) {
            this.relativeThreshold = r;
            return this;
        }

        /** Threshold, fusion IoU, relative threshold and image limits at once (their {@code null}s keep defaults). */
        public Builder postProcessing(GrounderOptions o) {
            threshold(o.threshold()).fusionIou(o.fusionIou()).relativeThreshold(o.relativeThreshold());
            ImageLimits l = o.imageLimits();
            return imageLimits(l == null ? null : l.maxPixels(), l == null ? null : l.maxSide());
        }

        /**
         * The largest image grounded ({@link org.ground4j.core.image.ImageLimits}, checked on the size a header
         * declares before decoding); {@code null} keeps the default of 100 megapixels and 30000 pixels a side.
         */
        public Builder imageLimits(Long maxPixels, Integer maxSide) {
            this.maxImagePixels = maxPixels;
            this.maxImageSide = maxSide;
            return this;
        }

        /** The input's format; by default Parquet for a path ending in {@code .parquet}, else JSON Lines. */
        public Builder inputFormat(Format f) {
            this.inputFormat = f;
            return this;
        }

        /** The output's format; by default the input's. */
        public Builder outputFormat(Format f) {
            this.outputFormat = f;
            return this;
        }

        /**
         * Grounding tasks; 0 (the default) for one per {@value #ROWS_PER_PARTITION} rows, at least two per core.
         */
        public Builder partitions(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("partitions must be 0 (automatic) or more, got " + n);
            }
            this.partitions = n;
            return this;
        }

        Builder failures(FailureInjection f) {
            this.failures = f;
            return this;
        }

        /** @throws IllegalArgumentException when a threshold or IoU lies outside [0,1] */
        public SparkAttach build() {
            return new SparkAttach(this);
        }
    }

    /** Where the bad rows of a run on {@code output} go: the folder {@code NAME.errors.jsonl} beside it. */
    public static String errorsLocation(String output) {
        String out = stripSlashes(output);
        int slash = out.lastIndexOf('/');
        String name = out.substring(slash + 1);
        String stem = name;
        for (String ext : List.of(".jsonl", ".parquet")) {
            if (stem.toLowerCase(Locale.ROOT).endsWith(ext)) {
                stem = stem.substring(0, stem.length() - ext.length());
                break;
            }
        }
        return out.substring(0, slash + 1) + stem + ".errors.jsonl";
    }

    /**
     * Runs the job.
     *
     * @throws InvalidInputException when the input, the checkpoint or the output folder is unusable (bad rows are
     *                               not: they are counted in the summary)
     */
    public Summary run(SparkSession spark) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path in = qualified(input, hadoop);
        Path out = qualified(output, hadoop);
        if (!isLocal(out)) { // a lock file on a shared Hadoop file system would outlive a killed driver
            return run(spark, hadoop, in, out);
        }
        java.nio.file.Path localOut = java.nio.file.Path.of(out.toUri());
        try (OutputLock lock = isLocal(in)
                ? OutputLock.acquire(localOut, java.nio.file.Path.of(in.toUri()))
                : OutputLock.acquire(localOut)) {
            return run(spark, hadoop, in, out);
        }
    }

    private static boolean isLocal(Path p) {
        return "file".equals(p.toUri().getScheme());
    }

    private Summary run(SparkSession spark, Configuration hadoop, Path in, Path out) {
        Path errors = qualified(errorsLocation(output), hadoop);
        FileSystem outFs = fileSystem(out, hadoop);
        if (!exists(fileSystem(in, hadoop), in)) {
            throw new InvalidInputException(input + ": no such file or folder");
        }
        if (!ExecutorGrounders.exists(model.location(), hadoop)) {
            throw new InvalidInputException(model.location() + ": no such checkpoint directory (it must be readable "
                    + "by every executor: a shared or local folder, a Hadoop URI, or an --archives entry)");
        }
        List<String> committed = committedRuns(outFs, out);

        Dataset<Row> planned = plan(spark, in, committed).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column done = col("done");
            Column bad = col("problem").isNotNull();
            Row counts = planned.agg(
                            count(lit(1)),
                            sum(when(bad.or(not(done)), 1).otherwise(0)),
                            sum(when(bad.or(done), 0).otherwise(1)))
                    .first();
            long total = counts.getLong(0);
            long work = counts.isNullAt(1) ? 0 : counts.getLong(1);
            long toGround = counts.isNullAt(2) ? 0 : counts.getLong(2);
            if (work == 0) {
                delete(fileSystem(errors, hadoop), errors); // no bad rows this time
                return new Summary(0, total, 0, null, null);
            }
            if (toGround > 0 && spark.sparkContext().isLocal()) {
                // the driver is the executor: load before the job, so a bad checkpoint is one clear error
                // rather than a failed task
                ExecutorGrounders.get(model, hadoop);
            }
            int n = toGround == 0
                    ? 1
                    : partitions > 0
                            ? partitions
                            : automaticPartitions(work, spark.sparkContext().defaultParallelism());
            StructType outputSchema = outputFormat == Format.PARQUET ? parquetSchema(spark, in) : null;
            Dataset<Row> todo = planned.filter(bad.or(not(done)))
                    .select("line", "id", "json", "problem")
                    .repartitionByRange(n, col("line"))
                    .sortWithinPartitions("line");
            String imageBase = imageBase(fileSystem(in, hadoop), in).toString();
            Dataset<Row> results = todo.mapPartitions(
                            new GroundPartition(model, imageBase, new HadoopConf(new Configuration(hadoop)), failures),
                            Encoders.row(RESULT))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Path run = null; // only bad rows (those retried from the last run, say): no empty run folder
                if (toGround > 0) {
                    run = new Path(
                            out,
                            "run-" + RUN_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                                    + String.format(
                                            "%06x", ThreadLocalRandom.current().nextInt(1 << 24)));
                    writeGrounded(spark, results, outputSchema, run);
                }
                results.filter(not(col("ok")))
                        .select("value")
                        .write()
                        .mode(SaveMode.Overwrite)
                        .options(committerOptions())
                        .text(errors.toString());
                Row r = results.agg(
                                sum(when(col("ok"), 1).otherwise(0)),
                                sum(when(col("ok"), 0).otherwise(1)))
                        .first();
                if (run != null && r.getLong(0) == 0) {
                    delete(outFs, run); // every candidate turned out bad: a run folder without rows says nothing
                    run = null;
                }
                return new Summary(
                        r.getLong(0),
                        total - work,
                        r.getLong(1),
                        run == null ? null : run.toString(),
                        errors.toString());
            } finally {
                results.unpersist();
            }
        } finally {
            planned.unpersist();
        }
    }

    /** {@code (line, id, json, problem, done)} for every non-blank input row. */
    private Dataset<Row> plan(SparkSession spark, Path in, List<String> committed) {
        Dataset<String> text;
        try {
            text = inputFormat == Format.JSONL
                    ? spark.read().textFile(in.toString())
                    : spark.read().parquet(in.toString()).toJSON();
        } catch (Exception e) { // Spark's AnalysisException (a path it cannot read) is checked, but undeclared
            if (e instanceof AnalysisException) {
                throw new InvalidInputException(
                        input + ": cannot read as " + inputFormat.name().toLowerCase(Locale.ROOT) + ": "
                                + e.getMessage(),
                        e);
            }
            throw e;
        }
        JavaRDD<Row> numbered = text.javaRDD()
                .zipWithIndex()
                .filter(t -> !t._1().isBlank())
                .map(t -> {
                    InputRows.Checked c = InputRows.check(t._1());
                    return RowFactory.create(t._2() + 1, c.id(), t._1(), c.problem());
                });
        Dataset<Row> rows = spark.createDataFrame(numbered, PLANNED);
        // a repeated id is bad from its second good row on, as attach counts it
        Column first = min(when(col("problem").isNull(), col("line"))).over(Window.partitionBy("id"));
        rows = rows.withColumn("first", first)
                .withColumn(
                        "problem",
                        when(
                                        col("problem").isNull().and(col("line").notEqual(col("first"))),
                                        concat(
                                                lit("duplicate id \""),
                                                col("id"),
                                                lit("\" (first on line "),
                                                col("first").cast("string"),
                                                lit(")")))
                                .otherwise(col("problem")))
                .drop("first");
        Dataset<Row> existing = existingIds(spark, committed);
        if (existing == null) {
            return rows.withColumn("done", lit(false));
        }
        return rows.join(existing, col("id").equalTo(col("done_id")), "left")
                .withColumn("done", col("done_id").isNotNull())
                .drop("done_id");
    }

    /** The ids of the committed runs, as column {@code done_id}; {@code null} when there are none. */
    private Dataset<Row> existingIds(SparkSession spark, List<String> committed) {
        if (committed.isEmpty()) {
            return null;
        }
        String[] dirs = committed.toArray(String[]::new);
        Dataset<Row> ids = outputFormat == Format.JSONL
                ? spark.read()
                        .text(dirs)
                        .select(get_json_object(col("value"), "$.id").as("done_id"))
                : spark.read().parquet(dirs).select(col("id").cast("string").as("done_id"));
        return ids.distinct();
    }

    private void writeGrounded(SparkSession spark, Dataset<Row> results, StructType schema, Path run) {
        Dataset<String> lines = results.filter(col("ok")).select("value").as(Encoders.STRING());
        if (failures != null) {
            lines = lines.mapPartitions(new FailWhileWriting(failures), Encoders.STRING());
        }
        if (outputFormat == Format.JSONL) {
            lines.write()
                    .mode(SaveMode.ErrorIfExists)
                    .options(committerOptions())
                    .text(run.toString());
        } else {
            spark.read()
                    .schema(schema)
                    .json(lines)
                    .write()
                    .mode(SaveMode.ErrorIfExists)
                    .options(committerOptions())
                    .parquet(run.toString());
        }
    }

    /** The test hook on the way to the writer: a failure there leaves a partial file in the task attempt's folder. */
    private record FailWhileWriting(FailureInjection failures) implements MapPartitionsFunction<String, String> {
        @Override
        public Iterator<String> call(Iterator<String> it) {
            return new Iterator<>() {
                private int done;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public String next() {
                    failures.writing(done++);
                    return it.next();
                }
            };
        }
    }

    /**
     * The output schema for Parquet: the input's columns (JSON Lines input: as Spark infers them, in its
     * alphabetical order) and {@code sentences}, in place of an input column of that name or last.
     */
    private StructType parquetSchema(SparkSession spark, Path in) {
        StructType input = inputFormat == Format.PARQUET
                ? spark.read().parquet(in.toString()).schema()
                : spark.read().json(in.toString()).schema();
        List<StructField> fields = new ArrayList<>();
        boolean placed = false;
        for (StructField f : input.fields()) {
            if (f.name().equals("_corrupt_record")) {
                continue;
            }
            if (f.name().equals("sentences")) {
                fields.add(DataTypes.createStructField("sentences", SENTENCES, true));
                placed = true;
            } else {
                fields.add(f);
            }
        }
        if (!placed) {
            fields.add(DataTypes.createStructField("sentences", SENTENCES, true));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The committed run folders of {@code out} (with {@code _SUCCESS}); folders of runs that never committed are
     * deleted, their rows are grounded again.
     */
    private List<String> committedRuns(FileSystem fs, Path out) {
        List<String> runs = new ArrayList<>();
        try {
            FileStatus status;
            try {
                status = fs.getFileStatus(out);
            } catch (FileNotFoundException e) {
                return runs;
            }
            if (!status.isDirectory()) {
                throw new InvalidInputException(output + ": is a file; spark-attach writes a folder (one sub-folder "
                        + "per run), give a folder name");
            }
            for (FileStatus s : fs.listStatus(out)) {
                if (!s.isDirectory() || !s.getPath().getName().startsWith("run-")) {
                    continue;
                }
                if (!fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
                    fs.delete(s.getPath(), true);
                    continue;
                }
                checkFormat(fs, s.getPath());
                runs.add(s.getPath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + output + ": " + e.getMessage(), e);
        }
        return runs;
    }

    /** A run written as Parquet cannot be resumed as JSON Lines, nor the other way round. */
    private void checkFormat(FileSystem fs, Path run) throws IOException {
        for (FileStatus f : fs.listStatus(run)) {
            String name = f.getPath().getName();
            if (!name.startsWith("part-")) {
                continue;
            }
            Format found = name.endsWith(".parquet") ? Format.PARQUET : Format.JSONL;
            if (found != outputFormat) {
                throw new InvalidInputException(
                        output + ": holds " + found.name().toLowerCase(Locale.ROOT)
                                + " runs (" + run.getName() + "); resume with --output-format "
                                + found.name().toLowerCase(Locale.ROOT) + " or write to another folder");
            }
            return;
        }
    }

    /**
     * What relative image paths are relative to: the folder holding the input file, as for attach; for a folder of
     * JSON Lines files, that folder (a Parquet folder is one data set, so its parent).
     */
    private Path imageBase(FileSystem fs, Path in) {
        try {
            if (inputFormat == Format.JSONL && fs.getFileStatus(in).isDirectory()) {
                return in;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + in + ": " + e.getMessage(), e);
        }
        return in.getParent() == null ? in : in.getParent();
    }

    static int automaticPartitions(long rows, int parallelism) {
        long byRows = (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION;
        return (int) Math.max(1, Math.min(rows, Math.max(2L * parallelism, byRows)));
    }

    /** Version 1 of the file output committer: task output becomes visible only when the whole job commits. */
    private static java.util.Map<String, String> committerOptions() {
        return java.util.Map.of(
                "mapreduce.fileoutputcommitter.algorithm.version",
                "1",
                "mapreduce.fileoutputcommitter.marksuccessfuljobs",
                "true");
    }

    private static Path qualified(String location, Configuration hadoop) {
        Path p = ExecutorGrounders.hadoopPath(location);
        return fileSystem(p, hadoop).makeQualified(p);
    }

    private static FileSystem fileSystem(Path p, Configuration hadoop) {
        try {
            return p.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new InvalidInputException(p + ": no file system for it: " + e.getMessage(), e);
        }
    }

    private static boolean exists(FileSystem fs, Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void delete(FileSystem fs, Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    private static String stripSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** {@code spark-submit --class org.ground4j.spark.SparkAttach}: see {@link SparkAttachCommand}. */
    public static void main(String[] args) {
        System.exit(SparkAttachCommand.run(args));
    }

    @Override
    public String toString() {
        return "SparkAttach[" + input + " -> " + output + ", model " + model.location() + "]";
    }
}

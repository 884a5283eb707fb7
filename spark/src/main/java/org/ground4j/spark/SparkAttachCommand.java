package org.ground4j.spark;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.ground4j.cli.PostProcessingOptions;
import org.ground4j.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j spark-attach} and {@code spark-submit --class org.ground4j.spark.SparkAttach}: runs
 * {@link SparkAttach}. Under {@code spark-submit} the master and resources come from it; alone (the
 * {@code ./ground4j} launcher) it runs Spark in local mode, {@code local[2]} unless {@code --master} says otherwise.
 * Exit status 0 when every row was grounded or already present, 2 when any row was bad or the input, model or
 * output is unusable (one line on stderr), 1 on an internal error.
 */
@Command(
        name = "spark-attach",
        mixinStandardHelpOptions = true,
        versionProvider = SparkAttachCommand.Version.class,
        description = {
            "Attach boxes to the sentences of reports, as an Apache Spark job (local mode by default).",
            "Input: JSON Lines {\"id\", \"image\", \"report\", ...} or Parquet with those columns; image paths "
                    + "relative to the input's folder or Hadoop URIs. Output: a folder of runs, each holding what "
                    + "'ground4j attach' writes (the row plus \"sentences\"). Ids already in the output are skipped.",
            "Bad rows go to OUTPUT.errors.jsonl/ (OUTPUT without .jsonl or .parquet), rewritten by each run.",
            "Exit status 0 when every row was grounded or skipped, 2 when any row was bad (or the input or model "
                    + "is unusable)."
        })
public final class SparkAttachCommand implements Callable<Integer> {

    /** Exit status for bad input, as in the other ground4j commands. */
    public static final int EXIT_BAD_INPUT = 2;

    /** The master when neither {@code --master} nor {@code spark-submit} gives one. */
    public static final String DEFAULT_MASTER = "local[2]";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "Checkpoint directory: a local or shared folder every executor can read, a Hadoop URI "
                    + "(hdfs://, s3a://; copied once per executor), or the name of a spark-submit --archives entry.")
    String model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "REPORTS",
            description = "JSON Lines file or folder, or Parquet; a path or a Hadoop URI.")
    String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FOLDER",
            description = "Output folder; each run adds a run-* sub-folder.")
    String output;

    @Option(
            names = "--input-format",
            paramLabel = "jsonl|parquet",
            description = "Default: parquet when the input ends with .parquet, else jsonl.")
    String inputFormat;

    @Option(names = "--output-format", paramLabel = "jsonl|parquet", description = "Default: the input's.")
    String outputFormat;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else " + DEFAULT_MASTER + ").")
    String master;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "0",
            description = "Grounding tasks (default 0: one per " + SparkAttach.ROWS_PER_PARTITION
                    + " rows, at least two per core).")
    int partitions;

    @Mixin
    PostProcessingOptions post;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Override
    public Integer call() {
        SparkAttach job = SparkAttach.builder(model, input, output)
                .inputFormat(inputFormat == null ? null : SparkAttach.Format.of(inputFormat))
                .outputFormat(outputFormat == null ? null : SparkAttach.Format.of(outputFormat))
                .partitions(partitions)
                .postProcessing(post.grounderOptions())
                .build();
        boolean existed = SparkSession.getActiveSession().isDefined()
                || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = existed ? SparkSession.active() : session();
        try {
            SparkAttach.Summary s = job.run(spark);
            PrintWriter err = spec.commandLine().getErr();
            String listed = s.failed() == 0 ? "" : " (listed in " + s.errors() + ")";
            err.println("spark-attach: " + s.written() + " grounded" + (s.run() == null ? "" : " into " + s.run())
                    + ", " + s.skipped() + " already in " + output + ", " + s.failed() + " bad" + listed);
            err.flush();
            return s.failed() == 0 ? 0 : EXIT_BAD_INPUT;
        } finally {
            if (!existed) { // a session this command started; one an application or test owns stays open
                spark.stop();
                ExecutorGrounders.closeAll();
            }
        }
    }

    private SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("ground4j spark-attach");
        SparkConf defaults = new SparkConf(); // what spark-submit passed (system properties)
        String m = master != null ? master : defaults.get("spark.master", DEFAULT_MASTER);
        b.master(m);
        if (m.startsWith("local")) {
            // one machine: no web UI to open, and no dependence on how the host name resolves
            b.config("spark.ui.enabled", "false");
            b.config("spark.driver.host", "127.0.0.1");
            b.config("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.forEach(b::config);
        SparkSession spark = b.getOrCreate();
        if (m.startsWith("local") && !conf.containsKey("spark.sql.shuffle.partitions")) {
            // the planning shuffles (repeated ids, ids already written) move only ids and lines: Spark's 200
            // partitions cost seconds of task overhead on one machine and buy nothing
            int cores = spark.sparkContext().defaultParallelism();
            spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(2 * cores));
        }
        return spark;
    }

    /** Runs the command line and returns the exit status (tests, embedding; a session already open is used). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with ground4j's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkAttachCommand());
        cl.setExecutionExceptionHandler(SparkAttachCommand::onError);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine()
                    .getErr()
                    .println("ground4j spark-attach: " + ex.getMessage() + " (see 'spark-attach --help')");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    private static int onError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable bad = badInput(ex);
        if (bad != null) {
            err.println("ground4j spark-attach: " + bad.getMessage());
            debugTrace(ex, err);
            return EXIT_BAD_INPUT;
        }
        err.println("ground4j spark-attach: internal error: " + ex + " (set GROUND4J_DEBUG=1 for the stack trace)");
        debugTrace(ex, err);
        return 1;
    }

    /**
     * The bad-input exception behind {@code ex}, if any: a task that failed on an unusable checkpoint reaches the
     * driver wrapped in Spark's job failure.
     */
    static Throwable badInput(Throwable ex) {
        if (ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException) {
            return ex;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException) {
                return t;
            }
        }
        return null;
    }

    private static void debugTrace(Exception ex, PrintWriter err) {
        if ("1".equals(System.getenv("GROUND4J_DEBUG"))) {
            ex.printStackTrace(err);
        }
    }

    /** Version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SparkAttachCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "ground4j spark-attach " + (v == null ? "0.1.0-SNAPSHOT" : v) + ", Spark "
                        + org.apache.spark.package$.MODULE$.SPARK_VERSION()
            };
        }
    }

    /** {@code java org.ground4j.spark.SparkAttachCommand ...} (the launcher). */
    public static void main(String[] args) {
        System.exit(run(args));
    }
}

package org.ground4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ground4j.core.model.Backbone;

/**
 * The end-to-end benchmark harness ({@code benchmarks/bench.sh}): one table of what ground4j costs on this
 * machine, each row measured in a fresh child JVM (so that its peak resident memory, VmHWM, is its own) with
 * {@code OMP_NUM_THREADS} set to the row's thread count.
 *
 * <p>Rows: the practical peak (ND4J SGEMM); the image encoder of the configuration; its backbone in every
 * {@link Backbone.Layout}; full grounding of one sentence and of a report; a training step of the paper
 * configuration (2 images) and of the CPU configuration (4 images); optionally the peers (ONNX Runtime and PyTorch
 * on the same ResNet-101, alternating with ours); the report path against re-running the model per sentence for
 * N = 1..16; one-sentence grounding against input size. Every time is the median of the timed runs after warm-up
 * runs, with min-max spread, also as achieved GFLOP/s and as a multiple of the peak-implied floor (the row's
 * FLOPs at the SGEMM rate of the same thread count). The heap is collected before every run ({@link Timing}).
 *
 * <p>Prints the table and writes it, with the raw runs (TSV), child logs and the scaling plots, to {@code --out}.
 *
 * <pre>
 * benchmarks/bench.sh --threads "1 2" --runs 5
 * java -cp ... org.ground4j.benchmarks.Bench --config tiny --rows encoder,sentence --runs 2 --label smoke
 * </pre>
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.child != null) {
            child(o);
        } else {
            parent(o);
        }
    }

    /** A child JVM: measures one row spec and prints its results as {@link Measurement} lines. */
    private static void child(BenchOptions o) {
        PrintStream out = System.out;
        int status = 0;
        try {
            List<Measurement> ms = new Workloads(o, o.childThreads).run(o.child);
            long rss = Timing.peakRssKib();
            for (Measurement m : ms) {
                out.println((m.peakRssKib() < 0 && !m.failed() ? m.withRss(rss) : m).toLine());
            }
        } catch (Throwable e) {
            e.printStackTrace();
            out.println("@@error\t" + e);
            status = 1;
        }
        out.flush();
        System.exit(status); // ND4J leaves non-daemon threads behind
    }

    /** One child run: a row spec at a thread count. */
    private record Job(String spec, String group, int threads) {}

    private static void parent(BenchOptions o) throws IOException, InterruptedException {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String suffix = o.label.isEmpty() ? "" : "-" + o.label;
        Path logs = o.out.resolve("logs").resolve(stamp + suffix);
        Files.createDirectories(logs);
        Machine machine = Machine.describe();
        String loadBefore = Machine.loadAverage();

        List<Job> jobs = jobs(o);
        List<Measurement> all = new ArrayList<>();
        int k = 0;
        for (Job j : jobs) {
            k++;
            System.err.printf(
                    Locale.ROOT,
                    "[%d/%d] %s, %d thread%s ... ",
                    k,
                    jobs.size(),
                    j.spec(),
                    j.threads(),
                    j.threads() == 1 ? "" : "s");
            long t0 = System.nanoTime();
            List<Measurement> got = runChild(
                    o,
                    j,
                    logs.resolve(String.format(
                            Locale.ROOT,
                            "%02d-%s-t%d.log",
                            k,
                            j.spec().replace(':', '_').replace(',', '_'),
                            j.threads())));
            all.addAll(got);
            System.err.printf(
                    Locale.ROOT,
                    "%s (%.0f s)%n",
                    got.stream().map(Bench::brief).collect(Collectors.joining("; ")),
                    (System.nanoTime() - t0) / 1e9);
        }
        String loadAfter = Machine.loadAverage();

        Map<Integer, Double> peak = new TreeMap<>();
        for (Measurement m : all) {
            if (m.group().equals("peak") && !m.failed()) {
                peak.put(m.threads(), gflops(m));
            }
        }
        String table = BenchReport.markdown(o, machine, loadBefore, loadAfter, stamp, all, peak);
        System.out.println(table);
        Path md = o.out.resolve("bench" + suffix + "-" + stamp + ".md");
        Files.writeString(md, table);
        Path tsv = o.out.resolve("bench" + suffix + "-" + stamp + ".tsv");
        Files.writeString(tsv, BenchReport.tsv(all));
        List<Path> plots = BenchPlots.write(o.out, suffix, all, peak);
        System.err.println("wrote " + md + ", " + tsv
                + (plots.isEmpty()
                        ? ""
                        : ", " + plots.stream().map(Path::toString).collect(Collectors.joining(", ")))
                + "; child logs in " + logs);
    }

    /** The child runs in table order; for each row the thread counts follow each other. */
    private static List<Job> jobs(BenchOptions o) {
        List<Job> jobs = new ArrayList<>();
        int s = o.size();
        for (int t : o.threads) {
            jobs.add(new Job("peak", "peak", t));
        }
        Map<String, List<String>> specs = new LinkedHashMap<>();
        for (String r : BenchOptions.ALL_ROWS) {
            if (!o.rows.contains(r)) {
                continue;
            }
            List<String> list = new ArrayList<>();
            switch (r) {
                case "encoder" -> list.add("encoder:" + s);
                case "backbone" ->
                    Arrays.stream(Backbone.Layout.values()).forEach(l -> list.add("backbone:" + l + ":" + s));
                case "sentence" -> list.add("sentence:" + s);
                case "report" -> list.add("report:" + o.reportSentences + ":" + s);
                case "train-cpu" -> list.add("train:cpu:4:14");
                case "train-cpu-dp" -> list.add("train:cpu:4:14:2");
                case "train-paper" -> list.add("train:paper:2:7");
                case "train-peers" ->
                    o.trainBatches.forEach(
                            b -> o.checkpointing.forEach(c -> list.add("trainpeers:" + b[0] + ":" + b[1] + ":" + c)));
                case "peers" -> list.add("peers:" + s);
                case "mdetr" ->
                    list.add("mdetr:"
                            + Arrays.stream(o.sentences)
                                    .mapToObj(Integer::toString)
                                    .collect(Collectors.joining(",")));
                case "scaling" -> Arrays.stream(o.sizes).forEach(z -> list.add("sentence:" + z + ":scaling"));
                default -> throw new IllegalStateException(r);
            }
            specs.put(r, list);
        }
        specs.forEach((rows, list) -> {
            // the group the child's measurements carry, so that a failed child lands in the right table
            String group = rows.equals("train-peers")
                    ? rows
                    : rows.startsWith("train") ? "train" : rows.equals("mdetr") ? "report-vs-mdetr" : rows;
            for (String spec : list) {
                for (int t : o.threads) {
                    jobs.add(new Job(spec, group, t));
                }
            }
        });
        return jobs;
    }

    /** Runs one child JVM; a child that fails or dies gives a failed row naming its exit status and log. */
    private static List<Measurement> runChild(BenchOptions o, Job j, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                javaBinary(), "-Xmx" + o.xmx, "-Doffline=true", "-Djava.awt.headless=true", Bench.class.getName()));
        cmd.addAll(o.raw());
        cmd.addAll(List.of("--child", j.spec(), "--child-threads", Integer.toString(j.threads())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        // the classpath goes in CLASSPATH, not -cp: ONNX Runtime 1.29's native start-up crashes the JVM (SIGSEGV,
        // no hs_err) when the process's command line is longer than about 3-4 KB, and ours is 4.3 KB
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(j.threads()));
        pb.environment().put("OPT_OUT_TRACKING", "true"); // DJL tokenizer: no telemetry
        String allocator = o.allocatorLibrary(); // the child's PyTorch workers inherit it
        if (allocator != null) {
            pb.environment().put("LD_PRELOAD", allocator);
            pb.environment().put("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1");
        } else {
            pb.environment().remove("LD_PRELOAD");
        }
        Process p = pb.start();
        // a row that outgrows memory (the paper training step needs >12 GB) should be the process the kernel kills,
        // not the user's other work: raising one's own child's OOM score needs no privilege
        try {
            Files.writeString(Path.of("/proc/" + p.pid() + "/oom_score_adj"), "1000");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux: nothing to do
        }
        List<Measurement> got = new ArrayList<>();
        List<String> other = new ArrayList<>();
        String error = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(Measurement.PREFIX)) {
                    got.add(Measurement.parse(line));
                } else if (line.startsWith("@@error\t")) {
                    error = line.substring(8);
                } else {
                    other.add(line);
                }
            }
        }
        int status = p.waitFor();
        if (!other.isEmpty()) {
            Files.write(log, other, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        if (got.isEmpty()) {
            String why = error != null
                    ? error
                    : "child JVM exited with status " + status + (status == 137 ? " (killed: out of memory?)" : "");
            got.add(Measurement.failed(j.spec(), j.group(), Workloads.OURS, j.threads(), why + "; log " + log));
        }
        return got;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String brief(Measurement m) {
        if (m.failed()) {
            return m.engine() + " FAILED: " + m.note();
        }
        Timing.Stats s = m.stats();
        return String.format(Locale.ROOT, "%s %.1f ms [%.1f-%.1f]", m.engine(), s.median(), s.min(), s.max());
    }

    /** Achieved GFLOP/s of a measurement's median. */
    static double gflops(Measurement m) {
        return m.flops() / (m.stats().median() / 1e3) / 1e9;
    }
}

package org.ground4j.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.train.Checkpointing;

/**
 * Options of {@link Bench}, parsed from {@code --name value} pairs; the parent passes the same list on to every
 * child JVM. Lists take spaces or commas ({@code --threads "1 2"}, {@code --sizes 320,640}).
 */
final class BenchOptions {

    /** Row groups in table order; {@code peers} and {@code train-peers} only run when asked for. */
    static final List<String> ALL_ROWS = List.of(
            "encoder",
            "backbone",
            "sentence",
            "report",
            "train-cpu",
            "train-cpu-dp",
            "train-paper",
            "train-peers",
            "peers",
            "mdetr",
            "scaling");

    int[] threads = {1, 2};
    int warmup = 2;
    int runs = 5;
    int trainRuns = 3;
    String configName = "paper";
    int size; // 0: the configuration's own input size
    int[] sizes = {320, 480, 640, 800};
    int[] sentences = {1, 2, 4, 8, 16};
    int reportSentences = 6;
    Set<String> rows = new LinkedHashSet<>(List.of(
            "encoder",
            "backbone",
            "sentence",
            "report",
            "train-cpu",
            "train-cpu-dp",
            "train-paper",
            "mdetr",
            "scaling"));
    Path peersDir = Path.of("benchmarks/peers/models");
    String python = "/usr/bin/python3";
    Path worker = Path.of("benchmarks/peers/torch_worker.py");
    Path trainWorker = Path.of("benchmarks/peers/train_step_worker.py");
    /** Images x sentences of the train-peers rows. */
    List<int[]> trainBatches = List.of(new int[] {2, 7}, new int[] {4, 14});

    List<Checkpointing> checkpointing = List.of(Checkpointing.NONE, Checkpointing.ALL);
    int imageWidth = 2500;
    int imageHeight = 3000;
    int sgemmN = 2048;
    Path out = Path.of("benchmarks/results");
    String xmx = "12g";
    /** Native allocator of the children (and of the PyTorch workers they start): auto, system or jemalloc. */
    String malloc = "auto";

    String label = "";
    String child; // row spec when this JVM is a child
    int childThreads;

    private final List<String> raw = new ArrayList<>();

    static final String USAGE = """
            usage: Bench [options]      (benchmarks/bench.sh passes its arguments here)
              --threads "1 2"           thread counts (OMP_NUM_THREADS and ONNX Runtime / PyTorch threads)
              --warmup 2 --runs 5       untimed and timed runs per row (--train-runs 3 for training steps)
              --config paper            model configuration: paper, cpu or tiny
              --size N                  input side (default: the configuration's, 640 for paper)
              --rows LIST               row groups, default all but peers and train-peers: %s
              --peers                   add the peers row group (ONNX Runtime, PyTorch): needs bench.sh --peers
              --sizes "320 480 640 800" input sides of the scaling rows
              --sentences "1 2 4 8 16"  sentences per report of the report-vs-MDETR rows (1..16)
              --train-batches "2x7 4x14" images x sentences of the train-peers rows (paper configuration)
              --checkpointing "none all" activation checkpointing of the train-peers rows (none, backbone, all)
              --report-sentences 6      sentences of the report row
              --image 2500x3000         size of the synthetic 16-bit PNG that grounding rows decode
              --peers-dir DIR           make_resnet101.py output (benchmarks/peers/models)
              --python /usr/bin/python3 interpreter with torch and torchvision for the PyTorch peer
              --sgemm-n 2048            matrix side of the SGEMM peak
              --xmx 12g                 heap of each child JVM
              --malloc auto             native allocator of each child and its PyTorch worker: jemalloc, system
                                        (glibc) or auto (jemalloc where installed, as ./ground4j does)
              --out DIR                 where tables, TSV, logs and plots go (benchmarks/results)
              --label TEXT              a word for the file names and the table heading (e.g. smoke)
            """.formatted(String.join(",", ALL_ROWS));

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--peers")) {
                o.rows.add("peers");
                o.raw.add(a);
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--threads" -> o.threads = ints(v);
                case "--warmup" -> o.warmup = Integer.parseInt(v);
                case "--runs" -> o.runs = Integer.parseInt(v);
                case "--train-runs" -> o.trainRuns = Integer.parseInt(v);
                case "--config" -> o.configName = v;
                case "--size" -> o.size = Integer.parseInt(v);
                case "--sizes" -> o.sizes = ints(v);
                case "--sentences" -> o.sentences = ints(v);
                case "--train-batches" ->
                    o.trainBatches = Arrays.stream(v.trim().split("[,\\s]+"))
                            .map(b -> Arrays.stream(b.toLowerCase(Locale.ROOT).split("x"))
                                    .mapToInt(Integer::parseInt)
                                    .toArray())
                            .toList();
                case "--checkpointing" ->
                    o.checkpointing = Arrays.stream(v.trim().split("[,\\s]+"))
                            .map(c -> Checkpointing.valueOf(c.toUpperCase(Locale.ROOT)))
                            .toList();
                case "--report-sentences" -> o.reportSentences = Integer.parseInt(v);
                case "--rows" ->
                    o.rows = new LinkedHashSet<>(Arrays.asList(v.trim().split("[,\\s]+")));
                case "--image" -> {
                    String[] wh = v.toLowerCase(Locale.ROOT).split("x");
                    o.imageWidth = Integer.parseInt(wh[0]);
                    o.imageHeight = Integer.parseInt(wh[1]);
                }
                case "--peers-dir" -> o.peersDir = Path.of(v);
                case "--python" -> o.python = v;
                case "--sgemm-n" -> o.sgemmN = Integer.parseInt(v);
                case "--xmx" -> o.xmx = v;
                case "--malloc" -> o.malloc = v;
                case "--out" -> o.out = Path.of(v);
                case "--label" -> o.label = v;
                case "--child" -> o.child = v;
                case "--child-threads" -> o.childThreads = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
            if (!a.startsWith("--child")) {
                o.raw.add(a);
                o.raw.add(v);
            }
        }
        for (String r : o.rows) {
            if (!ALL_ROWS.contains(r)) {
                throw new IllegalArgumentException("unknown row group " + r + "; known: " + ALL_ROWS);
            }
        }
        o.config(o.size()); // fail early on a bad configuration or size
        if (!List.of("auto", "system", "jemalloc").contains(o.malloc)) {
            throw new IllegalArgumentException("--malloc must be auto, system or jemalloc, not " + o.malloc);
        }
        if (o.malloc.equals("jemalloc") && jemalloc() == null) {
            throw new IllegalArgumentException(
                    "--malloc jemalloc: no libjemalloc.so.2 found (apt-get install libjemalloc2)");
        }
        return o;
    }

    /** The jemalloc library to preload, or null for the system allocator. */
    String allocatorLibrary() {
        return malloc.equals("system") ? null : jemalloc();
    }

    private static String jemalloc() {
        for (String lib : List.of(
                "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
                "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
                "/usr/lib64/libjemalloc.so.2",
                "/usr/lib/libjemalloc.so.2")) {
            if (java.nio.file.Files.isRegularFile(Path.of(lib))) {
                return lib;
            }
        }
        return null;
    }

    /** The options as given, for a child JVM. */
    List<String> raw() {
        return List.copyOf(raw);
    }

    /** The input side: --size, else the configuration's. */
    int size() {
        return size > 0 ? size : preset().imageSize();
    }

    /** The configuration at input side {@code s}. */
    ModelConfig config(int s) {
        ModelConfig c = preset();
        return new ModelConfig(c.backbone(), c.text(), c.transformer(), s, c.maxTextLength());
    }

    private ModelConfig preset() {
        return switch (configName) {
            case "paper" -> ModelConfig.paper();
            case "cpu" -> ModelConfig.cpu(2000);
            case "tiny" -> ModelConfig.tiny(2000);
            default -> throw new IllegalArgumentException("--config must be paper, cpu or tiny, not " + configName);
        };
    }

    private static int[] ints(String v) {
        return Arrays.stream(v.trim().split("[,\\s]+"))
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}

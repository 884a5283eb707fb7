package org.ground4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Formats {@link Bench}'s measurements: the main Markdown table (one row per measurement), then the tables derived
 * from it (peers side by side, report path against per-sentence path, input-size scaling), and a TSV with every
 * timed run.
 */
final class BenchReport {

    /** Row groups of the main table; the others have tables of their own. */
    private static final Set<String> MAIN =
            Set.of("peak", "encoder", "backbone", "sentence", "report", "train", "train-peers", "peers");

    private BenchReport() {}

    static String markdown(
            BenchOptions o,
            Machine m,
            String loadBefore,
            String loadAfter,
            String stamp,
            List<Measurement> all,
            Map<Integer, Double> peak) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ground4j benchmark")
                .append(o.label.isEmpty() ? "" : " (" + o.label + ")")
                .append(", ")
                .append(stamp)
                .append(" UTC\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "Machine: %s, %d logical CPUs, %.1f GiB; flags %s. JDK %s; ND4J %s. "
                        + "Load average before %s, after %s.%n",
                m.cpu(),
                m.logical(),
                m.memGib(),
                String.join(" ", m.flags()),
                m.jdk(),
                m.nd4j(),
                loadBefore,
                loadAfter));
        sb.append(String.format(
                Locale.ROOT,
                "Configuration %s; %d warm-up + %d timed runs per row (training steps: "
                        + "%d timed); median and min-max; heap collected before every run; one child JVM per row and "
                        + "thread count (OMP_NUM_THREADS); floor = FLOPs at the SGEMM rate of the same thread count. Native "
                        + "allocator of every process: %s.%n%n",
                o.configName,
                o.warmup,
                o.runs,
                o.trainRuns,
                o.allocatorLibrary() == null ? "glibc malloc" : "jemalloc (" + o.allocatorLibrary() + ", no decay)"));

        sb.append("| row | engine | threads | median ms | min-max ms | GFLOP | GFLOP/s | floor ms | x floor | "
                + "peak RSS MiB | note |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Measurement x : all) {
            if (MAIN.contains(x.group())) {
                sb.append(row(x, peak)).append('\n');
            }
        }

        List<Measurement> peers =
                all.stream().filter(x -> x.group().equals("peers")).toList();
        if (!peers.isEmpty()) {
            sb.append("\n### Peers on the same ResNet-101 trunk (alternating runs, same input and weights)\n\n");
            sb.append(
                    "| threads | engine | median ms | ours / engine | output vs ours |\n| --- | --- | --- | --- | --- |\n");
            for (int t : o.threads) {
                Measurement ours = find(peers, t, Workloads.OURS);
                for (Measurement x : peers) {
                    if (x.threads() != t) {
                        continue;
                    }
                    String ratio = x.failed() || ours == null || ours.failed()
                            ? "-"
                            : f2(ours.stats().median() / x.stats().median());
                    sb.append(String.format(
                            Locale.ROOT,
                            "| %d | %s | %s | %s | %s |%n",
                            t,
                            x.engine(),
                            x.failed() ? "-" : f1(x.stats().median()),
                            x.engine().equals(Workloads.OURS) ? "1.00" : ratio,
                            x.failed() ? "not run: " + x.note() : x.note()));
                }
            }
        }

        List<Measurement> tp =
                all.stream().filter(x -> x.group().equals("train-peers")).toList();
        if (!tp.isEmpty()) {
            sb.append(
                    "\n### The paper configuration's training step against PyTorch (alternating steps, same batch)\n\n");
            sb.append("| row | threads | ours ms | PyTorch ms | ours / PyTorch time | ours RSS MiB | PyTorch RSS MiB | "
                    + "ours / PyTorch RSS |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Measurement a : tp) {
                if (!a.engine().equals(Workloads.OURS)) {
                    continue;
                }
                Measurement b = tp.stream()
                        .filter(y -> y.threads() == a.threads()
                                && y.row().equals(a.row())
                                && !y.engine().equals(Workloads.OURS))
                        .findFirst()
                        .orElse(null);
                boolean both = !a.failed() && b != null && !b.failed();
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %s | %s | %s | %s |%n",
                        a.row(),
                        a.threads(),
                        a.failed() ? "failed: " + a.note() : f1(a.stats().median()),
                        b == null
                                ? "-"
                                : b.failed()
                                        ? "not run: " + b.note()
                                        : f1(b.stats().median()),
                        both ? f2(a.stats().median() / b.stats().median()) : "-",
                        mib(a),
                        b == null ? "-" : mib(b),
                        both && a.peakRssKib() > 0 && b.peakRssKib() > 0
                                ? f2((double) a.peakRssKib() / b.peakRssKib())
                                : "-"));
            }
        }

        List<Measurement> md =
                all.stream().filter(x -> x.group().equals("report-vs-mdetr")).toList();
        if (!md.isEmpty()) {
            sb.append("\n### Report path against re-running the model per sentence (MDETR-style)\n\n");
            sb.append("| sentences N | threads | report path ms (min-max) | per-sentence path ms (min-max) | "
                    + "per-sentence / report |\n| --- | --- | --- | --- | --- |\n");
            List<Measurement> failed = new ArrayList<>();
            for (Measurement a : md) {
                if (a.failed()) {
                    failed.add(a);
                    continue;
                }
                if (!a.engine().equals(Workloads.OURS)) {
                    continue;
                }
                Measurement b = md.stream()
                        .filter(y -> !y.failed()
                                && y.threads() == a.threads()
                                && y.x() == a.x()
                                && !y.engine().equals(Workloads.OURS))
                        .findFirst()
                        .orElse(null);
                sb.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %s | %s | %s |%n",
                        a.x(),
                        a.threads(),
                        cell(a),
                        b == null ? "-" : cell(b),
                        b == null ? "-" : f2(b.stats().median() / a.stats().median())));
            }
            failed.forEach(x -> sb.append("| - | ")
                    .append(x.threads())
                    .append(" | failed: ")
                    .append(x.note())
                    .append(" | | |\n"));
        }

        List<Measurement> sc =
                all.stream().filter(x -> x.group().equals("scaling")).toList();
        if (!sc.isEmpty()) {
            sb.append("\n### Full grounding of one sentence against input size\n\n");
            sb.append("| input side | threads | median ms (min-max) | GFLOP | floor ms | x floor |\n"
                    + "| --- | --- | --- | --- | --- | --- |\n");
            for (Measurement x : sc) {
                Double p = peak.get(x.threads());
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %s | %s |%n",
                        x.failed() ? x.row() : x.x(),
                        x.threads(),
                        x.failed() ? "failed: " + x.note() : cell(x),
                        x.failed() ? "-" : f1(x.flops() / 1e9),
                        x.failed() || p == null ? "-" : f1(floorMs(x, p)),
                        x.failed() || p == null ? "-" : f2(x.stats().median() / floorMs(x, p))));
            }
        }
        return sb.toString();
    }

    private static String row(Measurement x, Map<Integer, Double> peak) {
        if (x.failed()) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | - | - | - | - | - | - | - | not run: %s |",
                    x.row(),
                    x.engine(),
                    x.threads(),
                    x.note().replace('|', '/'));
        }
        Timing.Stats s = x.stats();
        Double p = peak.get(x.threads());
        boolean counted = x.flops() > 0;
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %s-%s | %s | %s | %s | %s | %s | %s |",
                x.row(),
                x.engine(),
                x.threads(),
                f1(s.median()),
                f1(s.min()),
                f1(s.max()),
                counted ? f1(x.flops() / 1e9) : "-",
                counted ? f1(Bench.gflops(x)) : "-",
                counted && p != null ? f1(floorMs(x, p)) : "-",
                counted && p != null ? f2(s.median() / floorMs(x, p)) : "-",
                x.peakRssKib() > 0 ? String.format(Locale.ROOT, "%.0f", x.peakRssKib() / 1024.0) : "-",
                x.note().replace('|', '/'));
    }

    private static String mib(Measurement x) {
        return x.peakRssKib() > 0 ? String.format(Locale.ROOT, "%.0f", x.peakRssKib() / 1024.0) : "-";
    }

    /** Milliseconds the row would take at the SGEMM rate. */
    private static double floorMs(Measurement x, double peakGflops) {
        return x.flops() / (peakGflops * 1e9) * 1e3;
    }

    private static Measurement find(List<Measurement> ms, int threads, String engine) {
        return ms.stream()
                .filter(x -> x.threads() == threads && x.engine().equals(engine))
                .findFirst()
                .orElse(null);
    }

    private static String cell(Measurement x) {
        Timing.Stats s = x.stats();
        return f1(s.median()) + " (" + f1(s.min()) + "-" + f1(s.max()) + ")";
    }

    private static String f1(double v) {
        return Math.abs(v) >= 0.05 || v == 0
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Every measurement with all of its runs, tab-separated. */
    static String tsv(List<Measurement> all) {
        StringBuilder sb = new StringBuilder(
                "group\trow\tengine\tthreads\tx\tmedian_ms\tmin_ms\tmax_ms\tflops\t" + "peak_rss_kib\truns_ms\tnote\n");
        for (Measurement x : all) {
            boolean f = x.failed();
            sb.append(String.join(
                            "\t",
                            x.group(),
                            x.row(),
                            x.engine(),
                            Integer.toString(x.threads()),
                            Integer.toString(x.x()),
                            f ? "" : f1(x.stats().median()),
                            f ? "" : f1(x.stats().min()),
                            f ? "" : f1(x.stats().max()),
                            String.format(Locale.ROOT, "%.4g", x.flops()),
                            Long.toString(x.peakRssKib()),
                            f
                                    ? ""
                                    : Arrays.stream(x.runsMs())
                                            .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                                            .collect(Collectors.joining(",")),
                            x.note().replace('\t', ' ')))
                    .append('\n');
        }
        return sb.toString();
    }
}

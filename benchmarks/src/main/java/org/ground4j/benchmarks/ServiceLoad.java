package org.ground4j.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ImageInput;
import org.ground4j.serve.GroundingService;
import org.ground4j.serve.ServeConfig;

/**
 * The cost of the HTTP service: a fixed number of requests (one image and its report) from 1, 4 and 16 concurrent
 * clients on the loopback against {@code ground4j serve}'s {@link GroundingService}, and the same calls to the
 * {@link Grounder} in-process from as many threads, alternating service and in-process run by run. Prints and
 * writes a Markdown table: throughput and p50 / p95 / p99 latency.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp ... org.ground4j.benchmarks.ServiceLoad [MODEL] [IMAGE] [REPORT] [REQUESTS] [ROUNDS]
 * </pre>
 */
public final class ServiceLoad {

    private ServiceLoad() {}

    /** One run: throughput and latency percentiles in milliseconds. */
    record Run(String mode, int clients, int requests, double seconds, double[] latenciesMs) {
        double throughput() {
            return requests / seconds;
        }

        double percentile(double p) {
            double[] s = latenciesMs.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "models/demo");
        Path imageFile = Path.of(args.length > 1 ? args[1] : "examples/images/synth-000001.png");
        String report = Files.readString(
                Path.of(args.length > 2 ? args[2] : "examples/images/report-synth-000001.txt"), StandardCharsets.UTF_8);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        byte[] image = Files.readAllBytes(imageFile);
        String body = "{\"image\": \"" + Base64.getEncoder().encodeToString(image) + "\", \"name\": \""
                + imageFile.getFileName() + "\", \"report\": " + quote(report) + "}";
        List<Run> runs = new ArrayList<>();
        try (Grounder grounder = Grounder.load(model);
                GroundingService service = GroundingService.start(grounder, ServeConfig.DEFAULT.withPort(0))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + service.port() + "/v1/ground");
            Callable<Void> viaService = () -> {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("service answered " + r.statusCode() + ": " + r.body());
                }
                return null;
            };
            Callable<Void> inProcess = () -> {
                grounder.groundReport(
                        ImageInput.of(image, imageFile.getFileName().toString()), report);
                return null;
            };
            run("warm-up", 2, 8, inProcess);
            run("warm-up", 2, 8, viaService);
            for (int round = 0; round < rounds; round++) {
                for (int clients : new int[] {1, 4, 16}) {
                    runs.add(run("in-process", clients, requests, inProcess));
                    runs.add(run("service", clients, requests, viaService));
                }
            }
        }
        String table = table(runs, requests, rounds, model, imageFile);
        System.out.print(table);
        Path out = Path.of("benchmarks/results/serve-load-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        AtomicFiles.writeString(out, table);
        System.err.println("wrote " + out);
    }

    private static Run run(String mode, int clients, int requests, Callable<Void> call) throws Exception {
        double[] latencies = new double[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    call.call();
                    latencies[k] = (System.nanoTime() - s) / 1e6;
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Run(mode, clients, requests, (System.nanoTime() - t0) / 1e9, latencies);
    }

    private static String table(List<Run> runs, int requests, int rounds, Path model, Path image) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "# ground4j serve under load%n%n"
                        + "%s, %s and its report; %d requests a run, %d rounds (service and in-process alternating), "
                        + "OMP_NUM_THREADS=%s, %d cores; %s%n%n",
                model,
                image,
                requests,
                rounds,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                Runtime.getRuntime().availableProcessors(),
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)));
        b.append("| clients | mode | round | requests/s | p50 ms | p95 ms | p99 ms |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        int[] round = new int[64];
        for (Run r : runs) {
            int key = r.clients() * 2 + (r.mode().equals("service") ? 1 : 0);
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %d | %.2f | %.0f | %.0f | %.0f |%n",
                    r.clients(),
                    r.mode(),
                    ++round[key],
                    r.throughput(),
                    r.percentile(50),
                    r.percentile(95),
                    r.percentile(99)));
        }
        return b.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}

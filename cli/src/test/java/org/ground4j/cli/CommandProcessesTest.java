package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as separate processes: one writer per output and inputs never written (the lock is the operating
 * system's, so it holds between processes and goes with a killed one), and damaged images refused with one line
 * on the process's own standard error, where native decoders would print theirs.
 */
class CommandProcessesTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path reports;

    @BeforeAll
    static void fixtures() throws IOException {
        model = GroundingFixtures.checkpoint(dir.resolve("model"), 0.0);
        GroundingFixtures.png(dir.resolve("1.png"), 80, 64, 1);
        GroundingFixtures.png(dir.resolve("2.png"), 64, 64, 2);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("{\"id\": \"r")
                    .append(i)
                    .append("\", \"image\": \"")
                    .append(1 + i % 2)
                    .append(".png\", \"report\": \"Cardiomegaly. Small left effusion.\"}\n");
        }
        reports = Files.writeString(dir.resolve("reports.jsonl"), lines);
    }

    /** A finished command: exit status and its standard error. */
    record Run(int status, String err) {}

    private static ProcessBuilder java(Path errFile, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(errFile.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    private static Run finish(Process p, Path errFile) throws Exception {
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(errFile));
    }

    private static Run ground4j(String name, String... args) throws Exception {
        Path err = dir.resolve(name + ".err");
        return finish(java(err, "org.ground4j.cli.Main", args).start(), err);
    }

    @Test
    void aSecondWriterIsRefusedWhileAnotherProcessHoldsTheOutputAndTheOutputIsFreedWhenThatProcessIsKilled()
            throws Exception {
        Path out = dir.resolve("held.jsonl");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        out.toString())
                .start();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("locked");
            Run refused = ground4j(
                    "held-1",
                    "attach",
                    "--model",
                    model.toString(),
                    "--input",
                    reports.toString(),
                    "--output",
                    out.toString());
            assertThat(refused.status()).as(refused.err()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(refused.err().lines().toList())
                    .containsExactly("ground4j attach: " + out
                            + ": another ground4j run is writing it (process " + holder.pid()
                            + "); wait for it to finish "
                            + "or stop it");
            assertThat(out).doesNotExist();
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: no chance to release anything itself
        }
        Run after = ground4j(
                "held-2",
                "attach",
                "--model",
                model.toString(),
                "--input",
                reports.toString(),
                "--output",
                out.toString());
        assertThat(after.status()).as(after.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(40);
    }

    @Test
    void twoAttachRunsStartedTogetherNeverWriteARowTwice() throws Exception {
        Path out = dir.resolve("together.jsonl");
        Path errA = dir.resolve("a.err"), errB = dir.resolve("b.err");
        String[] args = {
            "attach", "--model", model.toString(), "--input", reports.toString(), "--output", out.toString()
        };
        Process a = java(errA, "org.ground4j.cli.Main", args).start();
        Process b = java(errB, "org.ground4j.cli.Main", args).start();
        Run ra = finish(a, errA), rb = finish(b, errB);
        for (Run r : List.of(ra, rb)) {
            assertThat(r.status()).as(r.err()).isIn(0, Main.EXIT_BAD_INPUT);
            if (r.status() != 0) {
                assertThat(r.err()).contains("another ground4j run is writing it");
            }
        }
        assertThat(List.of(ra.status(), rb.status())).contains(0);
        List<String> lines = Files.readAllLines(out);
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            assertThat(ids.add(l.substring(0, l.indexOf(','))))
                    .as("each id once: %s", l)
                    .isTrue();
        }
        assertThat(lines).hasSize(40);
    }

    @Test
    void aDamagedImageIsOneLineOnTheProcessesStandardErrorWithNothingFromANativeDecoder() throws Exception {
        Map<String, byte[]> bad = Map.of(
                "crc.png",
                BadInputCorpusTest.damagedCrc(Files.readAllBytes(dir.resolve("1.png"))),
                "third.jpg",
                BadInputCorpusTest.cutScan(BadInputCorpusTest.jpeg()),
                "stray.jpg",
                BadInputCorpusTest.strayMarker(BadInputCorpusTest.jpeg()));
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            Path image = Files.write(dir.resolve(e.getKey()), e.getValue());
            Run r = ground4j(
                    "native-" + e.getKey(),
                    "ground",
                    "--model",
                    model.toString(),
                    "--image",
                    image.toString(),
                    "--text",
                    "Cardiomegaly.");
            assertThat(r.status()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(r.err().lines().filter(l -> !l.isBlank()).toList())
                    .as(e.getKey())
                    .hasSize(1)
                    .allMatch(l -> l.startsWith("ground4j ground: " + image + ": "));
        }
    }

    @Test
    void serveAnswersOnTheLoopbackAndASecondServiceOnTheSamePortExitsTwo() throws Exception {
        Process serve = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.ground4j.cli.Main",
                        "serve",
                        "--model",
                        model.toString(),
                        "--port",
                        "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8))) {
            String url = null;
            for (String line; url == null && (line = err.readLine()) != null; ) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                                "on (http://127\\.0\\.0\\.1:\\d+)/v1/ground")
                        .matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertThat(url).as("the service says where it listens").isNotNull();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String image = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("1.png")));
            java.net.http.HttpResponse<String> r = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/v1/ground"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"image\": \"" + image + "\", \"report\": \"Cardiomegaly. No effusion.\"}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"sentences\"").contains("Cardiomegaly.");

            String port = url.substring(url.lastIndexOf(':') + 1);
            Run taken = ground4j("serve-taken", "serve", "--model", model.toString(), "--port", port);
            assertThat(taken.status()).as(taken.err()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(taken.err().lines().filter(l -> !l.isBlank()).toList())
                    .hasSize(1)
                    .allMatch(l -> l.startsWith("ground4j serve: 127.0.0.1:" + port + ": cannot listen there"));
        } finally {
            serve.destroy(); // SIGTERM: the shutdown hook stops the server
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anOutputThatIsTheInputIsRefusedAndTheInputKept() throws Exception {
        Path samples = Files.writeString(
                dir.resolve("gold.jsonl"),
                "{\"id\": \"s1\", \"image\": \"1.png\", \"sentence\": \"Left effusion.\", \"boxes\": [[0.5, 0.5, 1, 1]]}\n");
        byte[] gold = Files.readAllBytes(samples);
        Run ground = ground4j(
                "same-ground",
                "ground",
                "--model",
                model.toString(),
                "--input",
                samples.toString(),
                "--output",
                samples.toString());
        assertThat(ground.status()).as(ground.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(ground.err()).contains("is also the input");
        assertThat(Files.readAllBytes(samples)).isEqualTo(gold);

        byte[] input = Files.readAllBytes(reports);
        Run attach = ground4j(
                "same-attach",
                "attach",
                "--model",
                model.toString(),
                "--input",
                reports.toString(),
                "--output",
                dir.resolve(".").resolve(reports.getFileName()).toString());
        assertThat(attach.status()).as(attach.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(attach.err().lines().toList()).hasSize(1).allMatch(l -> l.contains("is also the input"));
        assertThat(Files.readAllBytes(reports)).isEqualTo(input);
    }
}

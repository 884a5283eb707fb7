package org.ground4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ground4j.core.geometry.Box;
import org.ground4j.train.Checkpointing;
import org.ground4j.train.PreparedBatch;

/**
 * The paper configuration's training step in PyTorch ({@code benchmarks/peers/train_step_worker.py}) in a Python
 * process of its own, driven line by line so that its steps alternate with ours. The batch travels once through
 * files (pixels, token ids, masks, targets); a step's time is the worker's own clock around forward, matching, loss,
 * backward, clipping and AdamW.
 */
final class TorchTrainPeer implements AutoCloseable {

    /** One step as the worker measured it. */
    record Step(double ms, double forwardMs, double loss) {}

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path tmp;
    final String engine;

    /**
     * @throws IllegalStateException naming what is missing when the worker cannot start
     */
    TorchTrainPeer(String python, Path worker, int threads, double dropout, Checkpointing checkpointing) {
        try {
            tmp = Files.createTempDirectory("ground4j-torch-train-");
            ProcessBuilder pb = new ProcessBuilder(
                            python,
                            worker.toString(),
                            Integer.toString(threads),
                            "--dropout",
                            Double.toString(dropout),
                            "--checkpointing",
                            checkpointing.name().toLowerCase(Locale.ROOT))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start the PyTorch worker with " + python + ": " + e.getMessage(), e);
        }
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = read();
        if (!ready.startsWith("ready ")) {
            close();
            throw new IllegalStateException("PyTorch worker did not start: " + ready);
        }
        engine = ready.substring("ready ".length()).replaceAll(" \\(.*", "");
    }

    /** Hands the worker our batch: the same pixels, tokens and targets. */
    void batch(PreparedBatch b) {
        try {
            float[] px = b.images().pixels().dup('c').data().asFloat();
            ByteBuffer buf = ByteBuffer.allocate(px.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(px);
            Files.write(tmp.resolve("pixels.f32"), buf.array());
            int[][] ids = b.text().ids(), mask = b.text().attentionMask();
            int n = ids.length, t = n == 0 ? 0 : ids[0].length;
            ByteBuffer ib = ByteBuffer.allocate(n * t * 4).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer mb = ByteBuffer.allocate(n * t * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < t; j++) {
                    ib.putInt(ids[i][j]);
                    mb.putInt(mask[i][j]);
                }
            }
            Files.write(tmp.resolve("ids.i32"), ib.array());
            Files.write(tmp.resolve("mask.i32"), mb.array());
            List<String> targets = new ArrayList<>();
            for (List<Box> boxes : b.targets()) {
                List<String> bs = new ArrayList<>();
                for (Box x : boxes) {
                    bs.add(String.format(Locale.ROOT, "[%.6f,%.6f,%.6f,%.6f]", x.x1(), x.y1(), x.x2(), x.y2()));
                }
                targets.add("[" + String.join(",", bs) + "]");
            }
            List<String> index = new ArrayList<>();
            for (int i : b.imageIndex()) {
                index.add(Integer.toString(i));
            }
            Files.writeString(
                    tmp.resolve("meta.json"),
                    String.format(
                            Locale.ROOT,
                            "{\"images\": %d, \"size\": %d, \"sentences\": %d, \"tokens\": %d, \"index\": [%s], "
                                    + "\"targets\": [%s]}",
                            b.images().size(),
                            b.images().pixels().size(2),
                            n,
                            t,
                            String.join(",", index),
                            String.join(",", targets)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect(call("batch " + tmp), "ok");
    }

    Step step() {
        String r = call("step");
        expect(r, "time ");
        String[] p = r.substring(5).trim().split("\\s+");
        return new Step(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }

    long peakRssKib() {
        String r = call("rss");
        expect(r, "rss ");
        return Long.parseLong(r.substring(4).trim());
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                in.write("quit\n");
                in.flush();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            }
        } catch (IOException | InterruptedException e) {
            process.destroy();
        } finally {
            try (var files = Files.list(tmp)) {
                files.forEach(p -> p.toFile().delete());
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless
            }
        }
    }

    private String call(String command) {
        try {
            in.write(command + "\n");
            in.flush();
        } catch (IOException e) {
            throw new IllegalStateException("PyTorch worker gone (" + command + "): " + e.getMessage(), e);
        }
        return read();
    }

    private String read() {
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException(
                        "PyTorch worker exited" + (process.isAlive() ? "" : " with status " + process.waitFor()));
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(String reply, String prefix) {
        if (!reply.startsWith(prefix)) {
            throw new IllegalStateException("PyTorch worker: " + reply);
        }
    }
}

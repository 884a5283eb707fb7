package org.ground4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch as a peer: {@code benchmarks/peers/torch_worker.py} in a Python process, driven line by line over its
 * standard input and output so that its runs interleave with the JVM's. Tensors travel through files in a
 * temporary folder, outside the timed interval; the time of a run is the worker's own clock around the forward
 * call.
 */
public final class TorchPeer implements BackbonePeer {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path tmp;
    private final String engine;

    /**
     * Starts the worker.
     *
     * @param python  the interpreter with torch and torchvision (Debian's: {@code /usr/bin/python3})
     * @param worker  torch_worker.py
     * @param weights the trunk's safetensors (torchvision names)
     * @throws IllegalStateException naming what is missing when the worker cannot start
     */
    public TorchPeer(String python, Path worker, Path weights, int threads) {
        try {
            tmp = Files.createTempDirectory("ground4j-torch-peer-");
            ProcessBuilder pb = new ProcessBuilder(
                            python, worker.toString(), weights.toString(), Integer.toString(threads))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            // the OpenMP team of PyTorch's kernels: the same thread count as ours
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start the PyTorch worker with " + python + ": " + e.getMessage(), e);
        }
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = read();
        if (!ready.startsWith("ready ")) {
            close();
            throw new IllegalStateException("PyTorch worker did not start: " + ready);
        }
        engine = ready.substring("ready ".length()).replaceAll(" \\(.*", "");
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public void input(float[] nchw, int size) {
        Path file = tmp.resolve("input.f32");
        ByteBuffer b = ByteBuffer.allocate(nchw.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(nchw);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect(call("input " + file + " " + size), "ok");
    }

    @Override
    public double run() {
        String r = call("run");
        expect(r, "time ");
        return Double.parseDouble(r.substring(5));
    }

    @Override
    public float[] output() {
        Path file = tmp.resolve("output.f32");
        expect(call("save " + file), "ok");
        try {
            byte[] bytes = Files.readAllBytes(file);
            float[] f = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long peakRssKib() {
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
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
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

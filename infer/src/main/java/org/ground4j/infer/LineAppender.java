package org.ground4j.infer;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines to a file so that a crash never leaves half a line behind for the next run: each line is
 * encoded into one buffer with its newline and handed to the operating system in one write, then flushed; on
 * opening, a trailing partial line (a crash during that write) is cut off.
 */
final class LineAppender implements Closeable {

    private final Path file;
    private final OutputStream out;

    private LineAppender(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Opens {@code file} for appending, creating it (and its folder) when missing.
     *
     * @param truncate start empty instead of appending
     */
    static LineAppender open(Path file, boolean truncate) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!truncate) {
                repair(file);
            }
            return new LineAppender(file, new FileOutputStream(file.toFile(), !truncate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for appending: " + e.getMessage(), e);
        }
    }

    /**
     * Cuts a trailing partial line (bytes after the last newline) off {@code file}, if it exists.
     *
     * @return the number of bytes removed
     */
    static long repair(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (keep > 0) {
                int len = (int) Math.min(buf.capacity(), keep);
                buf.clear().limit(len);
                ch.read(buf, keep - len);
                int i = len - 1;
                while (i >= 0 && buf.get(i) != '\n') {
                    i--;
                }
                if (i >= 0) {
                    keep = keep - len + i + 1;
                    break;
                }
                keep -= len;
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
            }
            return size - keep;
        }
    }

    /** Appends {@code line} (which must not contain a line break) and a newline, in one write, then flushes. */
    void append(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a JSON line cannot contain a line break");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}

package org.ground4j.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * the bytes go to a temporary file in the same folder, are forced to disk, and the file is renamed over
 * the target. Every output and checkpoint of ground4j is written this way.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("out/metrics.json"), json);
 * AtomicFiles.write(Path.of("weights.bin"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Something that writes the whole content as text. */
    @FunctionalInterface
    public interface TextBody {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes bytes produced by {@code body} to {@code target} atomically, creating parent folders. */
    public static void write(Path target, StreamBody body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            readableByAll(tmp); // temporary files are created 0600; outputs are meant to be shared
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
                body.writeTo(buffered);
                buffered.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the original error matters more
                }
            }
        }
    }

    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    /** Writes UTF-8 text produced by {@code body} atomically. */
    public static void writeText(Path target, TextBody body) {
        write(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.writeTo(w);
            w.flush();
        });
    }

    /** Writes a string as UTF-8 atomically. */
    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}

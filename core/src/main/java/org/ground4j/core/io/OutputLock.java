package org.ground4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ground4j.core.InvalidInputException;

/**
 * The claim of one writer on an output (a file or a folder): an operating-system lock on the hidden file
 * {@code .NAME.lock} beside it, which holds the writer's process id. A second writer, in this process or another,
 * is refused at once with the output and the holder's process id in the message; the lock goes with the process
 * that holds it, so a killed writer never leaves a stale claim. The lock file itself stays (empty when free):
 * deleting it would let two writers lock two different files of the same name.
 *
 * <p>{@link #acquire} also refuses an output that is one of the inputs (after following links), so a run never
 * overwrites what it reads.
 *
 * <pre>{@code
 * try (OutputLock lock = OutputLock.acquire(Path.of("grounded.jsonl"), Path.of("reports.jsonl"))) {
 *     ... append to grounded.jsonl ...
 * }
 * }</pre>
 */
public final class OutputLock implements AutoCloseable {

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code output} for this process.
     *
     * @param inputs files the writer reads ({@code null} entries are ignored)
     * @throws InvalidInputException when {@code output} is one of {@code inputs}, or another writer holds it
     */
    public static OutputLock acquire(Path output, Path... inputs) {
        for (Path in : inputs) {
            if (in != null && sameFile(output, in)) {
                throw new InvalidInputException(output + ": is also the input " + in
                        + "; give an output path that is not an input (inputs are never overwritten)");
            }
        }
        Path lockFile = lockFile(output);
        FileChannel ch = null;
        try {
            Files.createDirectories(lockFile.getParent());
            ch = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                throw busy(output, ProcessHandle.current().pid() + ", this process");
            }
            if (lock == null) {
                throw busy(output, holder(ch));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            OutputLock claimed = new OutputLock(lockFile, ch, lock);
            ch = null;
            return claimed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + output + " (" + lockFile + "): " + e.getMessage(), e);
        } finally {
            if (ch != null) {
                closeQuietly(ch);
            }
        }
    }

    /** The lock file of {@code output}: {@code .NAME.lock} in the same folder. */
    public static Path lockFile(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        if (name == null) {
            throw new InvalidInputException(output + ": cannot be an output (a file-system root)");
        }
        return abs.resolveSibling("." + name + ".lock");
    }

    /**
     * Whether {@code a} and {@code b} name the same file after following links; a path that does not exist yet is
     * compared by its real folder and name.
     */
    public static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return resolved(a).equals(resolved(b));
        } catch (IOException e) {
            return false; // unreadable: the write or read itself will say what is wrong
        }
    }

    private static Path resolved(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
    }

    private static InvalidInputException busy(Path output, String pid) {
        return new InvalidInputException(output + ": another ground4j run is writing it (process " + pid
                + "); wait for it to finish or stop it");
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    /** Frees the output; the lock file stays, emptied. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing releases the lock; nothing else to do
        }
    }
}

package org.ground4j.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.InvalidInputException;

/**
 * Reads text files the way every input of ground4j is read: strictly as UTF-8, a leading byte-order mark
 * removed, and every failure an {@link InvalidInputException} that names the file and the problem (missing, a
 * folder, unreadable, UTF-16, or the line and byte offset of the first sequence that is not UTF-8), never a
 * replacement character in the text.
 *
 * <pre>{@code
 * String report = TextFiles.readUtf8(Path.of("report.txt"), "report");
 * try (BufferedReader r = TextFiles.reader(Path.of("samples.jsonl"))) { ... }
 * }</pre>
 */
public final class TextFiles {

    private static final int BOM = 0xFEFF;

    /** One line of a file: its text, or ({@code text == null}) why it is not UTF-8. */
    public record Utf8Line(String text, String problem) {}

    private TextFiles() {}

    /**
     * The whole file as text.
     *
     * @param what what the file is, for messages ({@code "report"})
     */
    public static String readUtf8(Path file, String what) {
        byte[] bytes = readBytes(file, what);
        refuseUtf16(bytes, file);
        try {
            return withoutBom(decoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw notUtf8(file, bytes);
        }
    }

    /**
     * The file's lines ({@code \n} or {@code \r\n}), each decoded on its own, so that one line that is not UTF-8
     * does not make the others unreadable.
     */
    public static List<Utf8Line> readUtf8Lines(Path file, String what) {
        byte[] bytes = readBytes(file, what);
        refuseUtf16(bytes, file);
        List<Utf8Line> lines = new ArrayList<>();
        int start = 0;
        int no = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            if (i == bytes.length && start == i) {
                break; // no partial line after the last newline
            }
            int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
            try {
                String text = decoder()
                        .decode(ByteBuffer.wrap(bytes, start, end - start))
                        .toString();
                lines.add(new Utf8Line(no == 1 ? withoutBom(text) : text, null));
            } catch (CharacterCodingException e) {
                int bad = firstBadByte(bytes, start, end);
                lines.add(new Utf8Line(
                        null,
                        "line " + no + " is not UTF-8 (invalid byte 0x" + Integer.toHexString(bytes[bad] & 0xFF)
                                + " at byte offset " + bad + " of the file)"));
            }
            start = i + 1;
            no++;
        }
        return lines;
    }

    /**
     * A strict UTF-8 reader that skips a byte-order mark. Reading past a sequence that is not UTF-8 throws a
     * {@link CharacterCodingException}: turn it into a clear error with {@link #notUtf8(Path)}.
     */
    public static BufferedReader reader(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return new BufferedReader(new InputStreamReader(in, decoder()));
    }

    /** The error for a file that is not UTF-8: the line and byte offset of its first bad sequence. */
    public static InvalidInputException notUtf8(Path file) {
        try {
            return notUtf8(file, Files.readAllBytes(file));
        } catch (IOException e) {
            return new InvalidInputException(file + ": not UTF-8 text");
        }
    }

    /** The error for an {@link IOException} while reading {@code file}: missing, a folder, unreadable, not UTF-8. */
    public static InvalidInputException readError(Path file, String what, IOException e) {
        if (e instanceof CharacterCodingException) {
            return notUtf8(file);
        }
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            return new InvalidInputException(file + ": is a folder; expected a " + what + " file");
        }
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException(file + ": cannot read the " + what + " file (permission denied)", e);
        }
        return new InvalidInputException(file + ": cannot read the " + what + " file: " + e.getMessage(), e);
    }

    private static byte[] readBytes(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + ": is a folder; expected a " + what + " file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw readError(file, what, e);
        }
    }

    private static void refuseUtf16(byte[] b, Path file) {
        if (b.length >= 2
                && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE || (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)) {
            throw new InvalidInputException(
                    file + ": is UTF-16 text (byte-order mark " + hex(b[0]) + " " + hex(b[1]) + "); save it as UTF-8");
        }
    }

    private static InvalidInputException notUtf8(Path file, byte[] bytes) {
        int bad = firstBadByte(bytes, 0, bytes.length);
        int line = 1;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new InvalidInputException(file + ":" + line + ": not UTF-8 (invalid byte " + hex(bytes[bad])
                + " at byte offset " + bad + "); save the file as UTF-8");
    }

    /** The offset of the first byte in {@code [from, to)} that starts no valid UTF-8 sequence. */
    static int firstBadByte(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            int n = c < 0x80
                    ? 0
                    : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (n < 0 || n > 0 && (i + n >= to || !validSequence(b, i, n))) {
                return i;
            }
            i += n + 1;
        }
        return from; // the decoder disagreed; point at the start
    }

    private static boolean validSequence(byte[] b, int i, int n) {
        int c = b[i] & 0xFF;
        for (int k = 1; k <= n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        int second = b[i + 1] & 0xFF;
        return !(c == 0xE0 && second < 0xA0
                || c == 0xED && second > 0x9F
                || c == 0xF0 && second < 0x90
                || c == 0xF4 && second > 0x8F);
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String withoutBom(String s) {
        return !s.isEmpty() && s.charAt(0) == BOM ? s.substring(1) : s;
    }

    private static String hex(byte b) {
        return String.format("0x%02X", b & 0xFF);
    }
}

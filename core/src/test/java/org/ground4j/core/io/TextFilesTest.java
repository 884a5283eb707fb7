package org.ground4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsRemovedFromTheText() throws IOException {
        Path f = dir.resolve("report.txt");
        Files.write(f, bytes("\uFEFFSmall left effusion. No pneumothorax."));
        assertThat(TextFiles.readUtf8(f, "report")).isEqualTo("Small left effusion. No pneumothorax.");
        try (BufferedReader r = TextFiles.reader(f)) {
            assertThat(r.readLine()).startsWith("Small");
        }
        assertThat(TextFiles.readUtf8Lines(f, "input").get(0).text()).startsWith("Small");
    }

    @Test
    void invalidUtf8IsNamedWithLineAndByteOffset() throws IOException {
        Path f = dir.resolve("report.txt");
        byte[] b = bytes("Cardiomegaly.\nEffusion \u00e9 left.\n");
        b[23] = (byte) 0xE9; // Latin-1 é, and a space where UTF-8 wants a continuation byte
        b[24] = ' ';
        Files.write(f, b);
        assertThatThrownBy(() -> TextFiles.readUtf8(f, "report"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(f + ":2: not UTF-8 (invalid byte 0xE9 at byte offset 23); save the file as UTF-8");
        try (BufferedReader r = TextFiles.reader(f)) {
            assertThatThrownBy(() -> r.readLine()).isInstanceOf(CharacterCodingException.class);
        }
        assertThat(TextFiles.notUtf8(f).getMessage()).contains(":2:").contains("byte offset 23");
    }

    @Test
    void eachLineIsDecodedOnItsOwn() throws IOException {
        Path f = dir.resolve("in.jsonl");
        byte[] good = bytes("{\"id\": \"a\"}\r\n");
        byte[] bad = {'{', (byte) 0xFF, '}', '\n'};
        byte[] last = bytes("{\"id\": \"c\"}");
        Files.write(f, concat(good, bad, last));
        List<TextFiles.Utf8Line> lines = TextFiles.readUtf8Lines(f, "input");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).text()).isEqualTo("{\"id\": \"a\"}");
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(1).problem())
                .isEqualTo(
                        "line 2 is not UTF-8 (invalid byte 0xff at byte offset " + (good.length + 1) + " of the file)");
        assertThat(lines.get(2).text()).isEqualTo("{\"id\": \"c\"}");
    }

    @Test
    void utf16FoldersAndMissingFilesAreNamed() throws IOException {
        Path u16 = dir.resolve("utf16.txt");
        Files.write(u16, "\uFEFFEffusion.".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> TextFiles.readUtf8(u16, "report"))
                .hasMessage(u16 + ": is UTF-16 text (byte-order mark 0xFF 0xFE); save it as UTF-8");
        assertThatThrownBy(() -> TextFiles.readUtf8(dir, "report"))
                .hasMessage(dir + ": is a folder; expected a report file");
        assertThatThrownBy(() -> TextFiles.readUtf8(dir.resolve("none.txt"), "report"))
                .hasMessage(dir.resolve("none.txt") + ": no such file");
    }

    /** The offset named is where strict decoding stops: everything before it decodes, it does not. */
    @Test
    void theFirstBadByteIsWhereStrictDecodingFails() {
        qt().withFixedSeed(28)
                .withExamples(2000)
                .forAll(lists().of(integers().between(0, 255)).ofSizeBetween(1, 12))
                .checkAssert(values -> {
                    byte[] b = new byte[values.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) (int) values.get(i);
                    }
                    if (decodes(b, b.length)) {
                        return;
                    }
                    int bad = TextFiles.firstBadByte(b, 0, b.length);
                    assertThat(decodes(b, bad)).as("prefix before %d", bad).isTrue();
                    assertThat(decodes(java.util.Arrays.copyOfRange(b, bad, b.length), b.length - bad))
                            .isFalse();
                });
    }

    private static boolean decodes(byte[] b, int n) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, n));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}

package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineAppenderTest {

    @TempDir
    Path dir;

    @Test
    void aPartialLastLineLeftByACrashIsCutOff() throws IOException {
        Path f = Files.writeString(dir.resolve("out.jsonl"), "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"sen");
        assertThat(LineAppender.repair(f)).isEqualTo("{\"id\":\"c\",\"sen".length());
        assertThat(Files.readString(f)).isEqualTo("{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
    }

    @Test
    void wholeLinesAreLeftAlone() throws IOException {
        Path f = Files.writeString(dir.resolve("out.jsonl"), "{\"id\":\"a\"}\n");
        assertThat(LineAppender.repair(f)).isZero();
        assertThat(LineAppender.repair(dir.resolve("missing.jsonl"))).isZero();
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertThat(LineAppender.repair(empty)).isZero();
    }

    @Test
    void aFileWithoutAnyNewlineIsEmptiedEvenWhenLongerThanOneReadBuffer() throws IOException {
        Path f = Files.writeString(dir.resolve("out.jsonl"), "x".repeat(20_000));
        assertThat(LineAppender.repair(f)).isEqualTo(20_000);
        assertThat(Files.size(f)).isZero();
        Path g = Files.writeString(dir.resolve("g.jsonl"), "ok\n" + "y".repeat(20_000));
        LineAppender.repair(g);
        assertThat(Files.readString(g)).isEqualTo("ok\n");
    }

    @Test
    void appendsWholeLinesAfterRepairingAndRefusesLineBreaks() throws IOException {
        Path f = Files.writeString(dir.resolve("out.jsonl"), "first\nhalf");
        try (LineAppender out = LineAppender.open(f, false)) {
            out.append("second é");
            assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("first\nsecond é\n");
            assertThatThrownBy(() -> out.append("a\nb")).isInstanceOf(IllegalArgumentException.class);
        }
        try (LineAppender out = LineAppender.open(f, true)) {
            out.append("fresh");
        }
        assertThat(Files.readString(f)).isEqualTo("fresh\n");
    }
}

package org.ground4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleJsonlTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFieldInFullPrecision() {
        Sample gold = new Sample(
                "a#0",
                "img/a.png",
                "Derrame pleural bilateral.",
                List.of(new Box(0.1, 0.2, 0.30000000000000004, 0.4), new Box(0.6, 0.2, 0.9, 0.5)),
                List.of(0.91, 0.123456789012345),
                "effusion",
                "es");
        Sample none = Sample.gold("b#1", "img/b.png", "No pneumothorax.", List.of());
        Path f = dir.resolve("s.jsonl");
        SampleJsonl.write(f, List.of(gold, none));
        assertThat(SampleJsonl.read(f)).containsExactly(gold, none);
        assertThat(none.group()).isEqualTo(Sample.Group.NO);
        assertThat(gold.group()).isEqualTo(Sample.Group.MULTI);
    }

    @Test
    void errorsNameFileLineAndProblem() throws IOException {
        assertError("{\"id\": \"x\", \"boxes\": [[0.1, 0.2, 0.3]]}", ":1: box 0 must be [x1, y1, x2, y2]");
        assertError("{\"id\": \"x\", \"boxes\": [[0.5, 0.2, 0.3, 0.4]]}", "inverted");
        assertError("{\"id\": \"x\", \"boxes\": [[0.1, 0.2, 1.3, 0.4]]}", "outside [0,1]");
        assertError(
                "{\"id\": \"x\", \"boxes\": [[0.1, 0.2, 0.3, 0.4]], \"scores\": [0.5, 0.6]}",
                "\"scores\" has 2 values for 1 boxes");
        assertError("{\"id\": \"x\", \"boxes\": []", ":1: malformed JSON");
        assertError("{\"boxes\": []}", "missing \"id\"");
        assertError("{\"id\": \"x\"}", "missing \"boxes\"");
        assertError(
                "{\"id\": \"x\", \"boxes\": []}\n\n{\"id\": \"x\", \"boxes\": []}",
                ":3: duplicate id \"x\" (first on line 1)");
        Path inverted = Files.writeString(
                dir.resolve("inverted.jsonl"), "{\"id\": \"x\", \"boxes\": [[0.2, 0.5, 0.1, 0.9]]}\n");
        assertThatThrownBy(() -> SampleJsonl.read(inverted))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith(inverted + ":1:");
        assertThatThrownBy(() -> SampleJsonl.read(dir.resolve("missing.jsonl")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
    }

    private void assertError(String content, String expected) throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, content);
        assertThatThrownBy(() -> SampleJsonl.read(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining(expected);
    }
}

package org.ground4j.core.data.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ground4j.core.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlManifestReaderTest {

    @TempDir
    Path dir;

    @Test
    void badLinesAreReportedAndTheRestIsRead() throws IOException {
        Fixtures.png16(dir.resolve("img/a.png"), 8, 8);
        Files.writeString(dir.resolve("img/broken.png"), "x");
        Path f = dir.resolve("samples.jsonl");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "{\"id\":\"1\",\"image\":\"img/a.png\",\"sentence\":\"Left effusion.\",\"boxes\":[[0.5,0.5,0.9,0.9]]}",
                        "{\"id\":\"2\",\"image\":\"img/a.png\",\"sentence\":\"x\",\"boxes\":[[0.5,0.5,1.9,0.9]]}",
                        "not json",
                        "{\"id\":\"1\",\"image\":\"img/a.png\",\"sentence\":\"again\",\"boxes\":[]}",
                        "{\"id\":\"3\",\"image\":\"img/missing.png\",\"sentence\":\"x\",\"boxes\":[]}",
                        "{\"id\":\"4\",\"image\":\"img/broken.png\",\"sentence\":\"x\",\"boxes\":[]}",
                        "{\"id\":\"5\",\"image\":\"img/broken.png\",\"sentence\":\"y\",\"boxes\":[]}",
                        "",
                        "{\"id\":\"6\",\"image\":\"img/a.png\",\"sentence\":\"PA view.\",\"boxes\":[]}"));
        ReadResult<Sample> r = JsonlManifestReader.read(f, true);
        assertThat(r.records()).extracting(Sample::id).containsExactly("1", "6");
        assertThat(r.problemCounts())
                .isEqualTo(Map.of(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        2,
                        ReadProblem.Kind.DUPLICATE,
                        1,
                        ReadProblem.Kind.MISSING_IMAGE,
                        1,
                        ReadProblem.Kind.UNREADABLE_IMAGE,
                        2));
        assertThat(r.problems().get(0).record()).isEqualTo("line 2");
        assertThat(r.problems().get(0).reason()).startsWith("box 0").contains("outside [0,1]");
    }

    @Test
    void withoutImageChecksOnlyTheLinesMatter() throws IOException {
        Path f = dir.resolve("s.jsonl");
        Files.writeString(f, "{\"id\":\"1\",\"image\":\"nowhere.png\",\"sentence\":\"x\",\"boxes\":[]}\n");
        assertThat(JsonlManifestReader.read(f, false).records()).hasSize(1);
    }
}

package org.ground4j.core.data.weak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeakJsonlTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsRegionsAndAttributes() {
        WeakSample w = new WeakSample(
                new Sample(
                        "s1",
                        "img/1.png",
                        "Left effusion.",
                        List.of(new Box(0.1, 0.2, 0.3, 0.4)),
                        null,
                        "pleural effusion",
                        "en"),
                List.of("left costophrenic angle"),
                List.of("anatomicalfinding|yes|pleural effusion"));
        Path f = dir.resolve("weak.jsonl");
        WeakJsonl.write(f, List.of(w));
        assertThat(WeakJsonl.read(f)).containsExactly(w);
    }

    @Test
    void readsTheSynthCxrLineShape() throws IOException {
        Path f = dir.resolve("weak.jsonl");
        Files.writeString(
                f,
                "{\"id\":\"synth-000001#2\",\"image\":\"images/000001.png\",\"sentence\":\"No pneumothorax.\","
                        + "\"boxes\":[[0.1,0.1,0.5,0.9],[0.5,0.1,0.9,0.9]],\"category\":\"negation\",\"lang\":\"en\","
                        + "\"regions\":[\"right lung\",\"left lung\"]}\n");
        WeakSample w = WeakJsonl.read(f).get(0);
        assertThat(w.regions()).containsExactly("right lung", "left lung");
        assertThat(w.attributes()).isEmpty();
        assertThat(w.sample().category()).isEqualTo("negation");
    }

    @Test
    void plainSampleLinesHaveNoRegionNames() {
        WeakSample w = WeakJsonl.parse("{\"id\":\"a\",\"sentence\":\"x\",\"boxes\":[]}", "t:1");
        assertThat(w.hasRegionNames()).isFalse();
    }

    @Test
    void regionsMustMatchTheBoxes() {
        assertThatThrownBy(() -> WeakJsonl.parse(
                        "{\"id\":\"a\",\"sentence\":\"x\",\"boxes\":[[0,0,1,1]],\"regions\":[]}", "weak.jsonl:7"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weak.jsonl:7")
                .hasMessageContaining("one region name per box");
        assertThatThrownBy(() -> WeakJsonl.parse(
                        "{\"id\":\"a\",\"sentence\":\"x\",\"boxes\":[],\"regions\":[1]}", "weak.jsonl:8"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("strings");
    }

    @Test
    void duplicateIdsAreRejectedWithBothLines() throws IOException {
        Path f = dir.resolve("dup.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"boxes\":[]}\n\n{\"id\":\"a\",\"boxes\":[]}\n");
        assertThatThrownBy(() -> WeakJsonl.read(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dup.jsonl:3")
                .hasMessageContaining("line 1");
    }
}

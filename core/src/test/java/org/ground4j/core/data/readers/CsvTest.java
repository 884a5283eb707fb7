package org.ground4j.core.data.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(
                f,
                "\uFEFFImageID,Report\na.png,\"derrame, leve\"\nb.png,\"dice \"\"no\"\"\nsegunda línea\"\n\nc.png,\n");
        Csv csv = Csv.read(f);
        assertThat(csv.header()).containsExactly("ImageID", "Report");
        assertThat(csv.rows()).hasSize(3);
        assertThat(csv.get(csv.rows().get(0), "Report")).isEqualTo("derrame, leve");
        assertThat(csv.get(csv.rows().get(1), "Report")).isEqualTo("dice \"no\"\nsegunda línea");
        assertThat(csv.rows().get(2).line()).isEqualTo(6);
        assertThat(csv.get(csv.rows().get(2), "Report")).isEmpty();
        assertThat(csv.get(csv.rows().get(2), "missing")).isNull();
    }

    @Test
    void unterminatedQuoteNamesTheLine() throws IOException {
        Path f = dir.resolve("u.csv");
        Files.writeString(f, "a,b\n1,\"open\n2,3\n");
        assertThatThrownBy(() -> Csv.read(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("u.csv:2")
                .hasMessageContaining("unterminated");
    }
}

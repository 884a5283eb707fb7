package org.ground4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Corpus}: plain text and samples .jsonl. */
class CorpusTest {

    @TempDir
    Path dir;

    @Test
    void textFilesGiveOneSentencePerNonBlankLine() throws Exception {
        Path f = Files.writeString(dir.resolve("c.txt"), "No pneumothorax.\n\n  \nDerrame pleural.\r\nSin cambios");
        assertThat(Corpus.read(f)).containsExactly("No pneumothorax.", "Derrame pleural.", "Sin cambios");
    }

    @Test
    void samplesFilesGiveTheirSentenceFields() throws Exception {
        Path f = Files.writeString(dir.resolve("expert.jsonl"), """
                {"id": "a", "image": "a.png", "sentence": "Left effusion.", "boxes": [[0.5, 0.5, 1, 1]]}

                {"id": "b", "sentence": "Derrame pleural\\nbilateral.", "lang": "es"}
                """);
        assertThat(Corpus.read(f)).containsExactly("Left effusion.", "Derrame pleural\nbilateral.");
    }

    @Test
    void badInputNamesFileAndLine() throws Exception {
        Path noField = Files.writeString(dir.resolve("s.jsonl"), "{\"sentence\": \"ok\"}\n{\"text\": \"x\"}\n");
        Path notJson = Files.writeString(dir.resolve("t.jsonl"), "No effusion.\n");
        Path empty = Files.writeString(dir.resolve("e.txt"), "\n \n");
        assertThatThrownBy(() -> Corpus.read(noField))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(noField + ":2:")
                .hasMessageContaining("\"sentence\"");
        assertThatThrownBy(() -> Corpus.read(notJson))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(notJson + ":1:");
        assertThatThrownBy(() -> Corpus.read(empty))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no sentences");
        assertThatThrownBy(() -> Corpus.read(dir.resolve("missing.txt")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
        Path latin1 = Files.write(dir.resolve("l.txt"), new byte[] {'n', (byte) 0xF3, '\n'});
        assertThatThrownBy(() -> Corpus.read(latin1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("UTF-8");
    }
}

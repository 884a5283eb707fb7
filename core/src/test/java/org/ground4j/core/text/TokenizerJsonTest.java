package org.ground4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TokenizerJson}: the layout HF's tokenizers library saves, and what is read back. */
class TokenizerJsonTest {

    @TempDir
    Path dir;

    @Test
    void writingTheFixtureVocabularyReproducesTheFixtureFileByteForByte() throws Exception {
        List<String> tokens =
                Files.readAllLines(TextFixtures.resource("/fixtures/tokenizer/vocab.txt"), StandardCharsets.UTF_8);
        Path out = dir.resolve("sub/tokenizer.json");
        TokenizerJson.write(out, new WordPieceVocab(tokens));
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(TextFixtures.tokenizerJson(), StandardCharsets.UTF_8));
    }

    @Test
    void inspectReadsVocabularySizePaddingAndUnknownIds() throws Exception {
        assertThat(TokenizerJson.inspect(TextFixtures.tokenizerJson()))
                .isEqualTo(new TokenizerJson.Info(148, 0, OptionalInt.of(1)));
        Path padded = Files.writeString(
                dir.resolve("padded.json"),
                "{\"padding\": {\"pad_id\": 7}, "
                        + "\"added_tokens\": [{\"id\": 9, \"content\": \"<x>\"}], "
                        + "\"model\": {\"vocab\": {\"a\": 0, \"<pad>\": 7}}}");
        assertThat(TokenizerJson.inspect(padded)).isEqualTo(new TokenizerJson.Info(10, 7, OptionalInt.empty()));
    }

    @Test
    void inspectRejectsFilesWithoutVocabularyOrPaddingToken() throws Exception {
        Path noVocab = Files.writeString(dir.resolve("novocab.json"), "{\"model\": {\"type\": \"WordPiece\"}}");
        Path noPad = Files.writeString(dir.resolve("nopad.json"), "{\"model\": {\"vocab\": {\"a\": 0}}}");
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"model\": ");
        assertThatThrownBy(() -> TokenizerJson.inspect(noVocab))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.vocab")
                .hasMessageStartingWith(noVocab.toString());
        assertThatThrownBy(() -> TokenizerJson.inspect(noPad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[PAD]");
        assertThatThrownBy(() -> TokenizerJson.inspect(notJson))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> TokenizerJson.inspect(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.toString());
    }

    @Test
    void vocabularyRejectsMisplacedSpecialsAndDuplicates() {
        assertThatThrownBy(() -> new WordPieceVocab(List.of("[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WordPieceVocab(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a\" appears twice");
        assertThatThrownBy(() -> new WordPieceVocab(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "##")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

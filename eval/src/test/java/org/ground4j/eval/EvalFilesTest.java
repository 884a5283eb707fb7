package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void evaluatesTwoFilesJoinedById() throws IOException {
        Path gold = file("gold.jsonl", """
                {"id": "a", "boxes": [[0, 0, 0.5, 0.5]]}

                {"id": "b", "boxes": []}
                """);
        Path pred = file("pred.jsonl", """
                {"id": "b", "boxes": [[0, 0, 0.5, 0.5]], "scores": [0.6]}
                {"id": "a", "boxes": [[0, 0, 0.5, 0.5]], "scores": [0.9]}
                """);
        Evaluation ev = EvalFiles.evaluate(gold, pred);
        assertThat(ev.groups().single().pAtF1()).isEqualTo(1.0);
        assertThat(ev.groups().no().nAcc()).isZero();
        assertThat(ev.sweep().best()).get().extracting(SweepPoint::threshold).isEqualTo(0.65);
    }

    @Test
    void emptyFilesAreAnErrorNamingTheFile() throws IOException {
        Path gold = file("gold.jsonl", "{\"id\": \"a\", \"boxes\": []}\n");
        Path empty = file("empty.jsonl", "\n  \n");
        assertThatThrownBy(() -> EvalFiles.evaluate(gold, empty))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(empty + ": empty prediction file");
        assertThatThrownBy(() -> EvalFiles.evaluate(empty, gold))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(empty + ": empty gold file");
    }

    @Test
    void badLinesAreErrorsNamingFileAndLine() throws IOException {
        Path gold = file("gold.jsonl", "{\"id\": \"a\", \"boxes\": []}\n");
        assertThatThrownBy(() -> EvalFiles.evaluate(gold, file("p1.jsonl", "{\"id\": \"a\", \"boxes\": []}\n{oops\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("p1.jsonl") + ":2: malformed JSON");
        assertThatThrownBy(() -> EvalFiles.evaluate(
                        gold,
                        file("p2.jsonl", "{\"id\": \"a\", \"boxes\": [[0.2, 0.5, 0.1, 0.9]], \"scores\": [0.5]}\n")))
                .hasMessageStartingWith(dir.resolve("p2.jsonl") + ":1: box 0")
                .hasMessageContaining("inverted");
        assertThatThrownBy(() -> EvalFiles.evaluate(
                        gold, file("p3.jsonl", "{\"id\": \"a\", \"boxes\": [[0.2, 0.5, 1.1, 0.9]]}\n")))
                .hasMessageStartingWith(dir.resolve("p3.jsonl") + ":1:")
                .hasMessageContaining("outside [0,1]");
        assertThatThrownBy(() -> EvalFiles.evaluate(
                        gold,
                        file(
                                "p4.jsonl",
                                "{\"id\": \"a\", \"boxes\": [[0.2, 0.5, 0.3, 0.9]], \"scores\": [0.5, 0.1]}\n")))
                .hasMessageStartingWith(dir.resolve("p4.jsonl") + ":1:")
                .hasMessageContaining("\"scores\" has 2 values for 1 boxes");
        assertThatThrownBy(() -> EvalFiles.evaluate(
                        file("g2.jsonl", "{\"id\": \"a\", \"boxes\": []}\n{\"id\": \"a\", \"boxes\": []}\n"), gold))
                .hasMessage(dir.resolve("g2.jsonl") + ":2: duplicate id \"a\" (first on line 1)");
        assertThatThrownBy(() -> EvalFiles.evaluate(dir.resolve("missing.jsonl"), gold))
                .hasMessage(dir.resolve("missing.jsonl") + ": no such file");
    }

    private static final String SHUFFLE_GOLD = """
            {"id": "a", "image": "img/1.png", "boxes": [[0, 0, 0.5, 0.5]], "category": "nodule"}
            {"id": "b", "image": "img/2.png", "boxes": [], "category": "negation"}
            """;

    @Test
    void shuffledPredictionsAreEvaluatedAgainstTheSameGold() throws IOException {
        Path gold = file("gold.jsonl", SHUFFLE_GOLD);
        Files.createDirectories(dir.resolve("out"));
        // written by ground --shuffle-images into another folder: images relative to it, each the other one
        Path shuffled = Files.writeString(dir.resolve("out/shuffled.jsonl"), """
                {"id": "b", "image": "../img/1.png", "boxes": [], "scores": []}
                {"id": "a", "image": "../img/2.png", "boxes": [[0.5, 0.5, 1, 1]], "scores": [0.8]}
                """);
        Evaluation ev = EvalFiles.evaluateShuffled(gold, shuffled);
        assertThat(ev.groups().overall().pAtF1()).isEqualTo(0.5);
        assertThat(ev.byPlacement().free().overall().pAtF1()).isZero();
        assertThat(ev.warnings()).isEmpty();
    }

    @Test
    void shuffledPredictionsForOtherIdsOrOnTheirOwnImageAreErrorsNamingTheFile() throws IOException {
        Path gold = file("gold.jsonl", SHUFFLE_GOLD);
        Path unknown = file("unknown.jsonl", """
                {"id": "a", "image": "img/2.png", "boxes": []}
                {"id": "b", "image": "img/1.png", "boxes": []}
                {"id": "zz", "image": "img/1.png", "boxes": []}
                """);
        assertThatThrownBy(() -> EvalFiles.evaluateShuffled(gold, unknown))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(unknown + ": 1 id(s) not in gold " + gold + " (zz)")
                .hasMessageContaining("--shuffle-images");
        Path missing = file("missing.jsonl", "{\"id\": \"a\", \"image\": \"img/2.png\", \"boxes\": []}\n");
        assertThatThrownBy(() -> EvalFiles.evaluateShuffled(gold, missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(missing + ": no prediction for 1 gold id(s) (b)");
        Path unshuffled = file("real.jsonl", """
                {"id": "a", "image": "img/2.png", "boxes": []}
                {"id": "b", "image": "./img/2.png", "boxes": []}
                """);
        assertThatThrownBy(() -> EvalFiles.evaluateShuffled(gold, unshuffled))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(unshuffled + ": sample \"b\" was grounded on its own image img/2.png: expected predictions "
                        + "made with ground --shuffle-images SEED");
    }
}

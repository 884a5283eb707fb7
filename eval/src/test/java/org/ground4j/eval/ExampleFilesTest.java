package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The example pair of files docs/evaluation.md runs ({@code src/test/resources/example}): 16 gold sentences, 15 of
 * them predicted, plus one prediction for an unknown id. Each prediction is either clearly right (IoU > 0.8)
 * or clearly wrong, so the figures below follow from the files by reading them. {@code shuffled.jsonl} is a
 * hand-made image ablation: every sentence on the next study's image, the predictions for anatomy-anchored
 * findings and zero-box sentences unchanged (as from a model that grounds them from the sentence alone), every
 * other prediction lost.
 */
class ExampleFilesTest {

    static Path example(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ExampleFilesTest.class.getResource("/example/" + name))
                .toURI());
    }

    @Test
    void figuresOfTheExampleAsGiven() throws URISyntaxException {
        Evaluation ev = EvalFiles.evaluate(example("gold.jsonl"), example("pred.jsonl"));
        GroupFigures g = ev.groups();
        assertThat(g.no().n()).isEqualTo(6);
        assertThat(g.no().nAcc()).isEqualTo(5.0 / 6); // ex03 boxes "Normal heart size."
        assertThat(g.single().n()).isEqualTo(7);
        assertThat(g.single().pAtF1()).isEqualTo(4.0 / 7); // ex05, ex06, ex11, ex16
        assertThat(g.multi().n()).isEqualTo(3);
        assertThat(g.multi().pAtF1()).isEqualTo(1.0 / 3); // ex09
        assertThat(g.overall().pAtF1()).isEqualTo(10.0 / 16);
        assertThat(ev.byCategory()).hasSize(8);
        assertThat(ev.byCategory().get("pleural effusion").n()).isEqualTo(3);
        assertThat(ev.warnings())
                .containsExactly(
                        "1 of 16 gold samples had no prediction and counted as empty: ex14",
                        "ignored 1 prediction with an id not in gold: ex99");
    }

    @Test
    void sweepOfTheExamplePeaksAt045() throws URISyntaxException {
        ThresholdSweep sweep =
                EvalFiles.evaluate(example("gold.jsonl"), example("pred.jsonl")).sweep();
        // successes out of 16 at 0.05 ... 0.95, from the scores in pred.jsonl
        int[] successes = {10, 10, 10, 10, 10, 10, 10, 11, 12, 12, 12, 12, 12, 12, 12, 11, 11, 9, 7};
        for (int k = 0; k < successes.length; k++) {
            assertThat(sweep.points().get(k).groups().overall().pAtF1())
                    .as("threshold %s", (k + 1) / 20.0)
                    .isEqualTo(successes[k] / 16.0);
        }
        assertThat(sweep.best()).get().extracting(SweepPoint::threshold).isEqualTo(0.45);
    }

    @Test
    void imageAblationOfTheExample() throws URISyntaxException {
        Path gold = example("gold.jsonl");
        ImageAblation a = ImageAblation.of(
                EvalFiles.evaluate(gold, example("pred.jsonl")),
                EvalFiles.evaluateShuffled(gold, example("shuffled.jsonl")));
        assertThat(a.get("overall").shuffledPAtF1()).isEqualTo(8.0 / 16); // the 5 No, ex06, ex11, ex09
        assertThat(a.get("overall").pAtF1Drop()).isEqualTo(2.0 / 16); // ex05, ex16
        assertThat(a.get("no").pAtF1Drop()).isZero();
        assertThat(a.get("single").shuffledPAtF1()).isEqualTo(2.0 / 7);
        assertThat(a.get("multi").pAtF1Drop()).isZero();
        assertThat(a.get("anchored").pAtF1Drop()).isZero();
        assertThat(a.get("anchored").miouDrop()).isZero();
        assertThat(a.get("free").realPAtF1()).isEqualTo(2.0 / 5); // ex14 (empty), ex05
        assertThat(a.get("free").shuffledPAtF1()).isEqualTo(1.0 / 5); // ex14
        assertThat(a.get("free").shuffledMiou()).isZero();
    }
}

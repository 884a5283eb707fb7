package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.data.Offset;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.image.ModelInput;
import org.ground4j.core.image.PreprocessConfig;
import org.ground4j.core.image.Preprocessor;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelOutputs;
import org.ground4j.core.text.SentenceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.quicktheories.core.Gen;

/** Boxes of the padded square model input become boxes of the original image. */
class LetterboxMappingTest {

    @TempDir
    Path dir;

    @Test
    void aBoxOfTheImageSurvivesTheRoundTripThroughTheModelInput() {
        Gen<Box> boxes = doubles()
                .between(0, 1)
                .zip(
                        doubles().between(0, 1),
                        doubles().between(0, 1),
                        doubles().between(0, 1),
                        (a, b, c, d) -> new Box(Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)));
        qt().withFixedSeed(99L)
                .withExamples(2000)
                .forAll(integers().between(1, 4000), integers().between(1, 4000), boxes)
                .checkAssert((w, h, original) -> {
                    Letterbox lb = Letterbox.of(w, h, 64);
                    ScoredBox back = QueryBoxes.toOriginal(new ScoredBox(lb.toModel(original), 0.5), lb);
                    if (original.isEmpty()) {
                        assertThat(back).isNull();
                        return;
                    }
                    double[] x = back.box().toArray(), y = original.toArray();
                    for (int k = 0; k < 4; k++) {
                        assertThat(x[k]).isCloseTo(y[k], Offset.offset(1e-9));
                    }
                    assertThat(back.score()).isEqualTo(0.5);
                });
    }

    @Test
    void boxesReachingIntoThePaddingAreClampedAndThoseWhollyInItDropped() {
        Letterbox wide = Letterbox.of(200, 100, 64); // content 64 x 32: the lower half is padding
        ScoredBox straddling = new ScoredBox(new Box(0.25, 0.25, 0.75, 0.75), 0.9);
        assertThat(QueryBoxes.toOriginal(straddling, wide))
                .isEqualTo(new ScoredBox(new Box(0.25, 0.5, 0.75, 1.0), 0.9));
        assertThat(QueryBoxes.toOriginal(new ScoredBox(new Box(0.1, 0.6, 0.4, 0.9), 0.9), wide))
                .isNull();
    }

    @Test
    void theGrounderMapsTheModelsBoxesThroughTheLetterbox() throws Exception {
        Checkpoint ckpt = TinyCheckpoint.checkpoint(0.0, 1.0); // no threshold, no fusion
        Path model = dir.resolve("model");
        org.ground4j.core.checkpoint.CheckpointIO.save(model, ckpt);
        Path tokenizerFile = Files.write(dir.resolve("tokenizer.json"), TinyCheckpoint.tokenizerJson());
        String sentence = "Left lower zone opacity.";
        for (int[] size : new int[][] {{64, 32}, {24, 48}}) {
            Path png = TinyCheckpoint.png(dir.resolve("img" + size[0] + ".png"), size[0], size[1], 5);
            List<ScoredBox> expected = new ArrayList<>();
            try (GrounderModel m = ckpt.buildModel();
                    SentenceTokenizer tok =
                            new SentenceTokenizer(tokenizerFile, ckpt.config().maxTextLength())) {
                ModelInput in =
                        new Preprocessor(PreprocessConfig.DEFAULT.withSize(64)).apply(ImageLoader.DEFAULT.load(png));
                // 64 x 32 -> content 64 x 32, heights doubled back; 24 x 48 -> content 32 x 64, widths doubled back
                double sx = size[0] > size[1] ? 1 : 2, sy = size[0] > size[1] ? 2 : 1;
                assertThat(in.letterbox())
                        .isEqualTo(new Letterbox(size[0], size[1], 64, (int) (64 / sx), (int) (64 / sy)));
                INDArray px = Nd4j.create(in.pixels(), new long[] {1, 3, 64, 64}, 'c');
                ImageBatch batch = new ImageBatch(px, new int[] {(int) (64 / sy)}, new int[] {(int) (64 / sx)});
                ModelOutputs out = m.forward(batch, new int[] {0}, tok.encode(List.of(sentence)));
                for (int q = 0; q < 5; q++) {
                    double cx = out.predBoxes().getDouble(0, q, 0),
                            cy = out.predBoxes().getDouble(0, q, 1);
                    double w = out.predBoxes().getDouble(0, q, 2),
                            h = out.predBoxes().getDouble(0, q, 3);
                    Box b = new Box(
                            clip((cx - w / 2) * sx),
                            clip((cy - h / 2) * sy),
                            clip((cx + w / 2) * sx),
                            clip((cy + h / 2) * sy));
                    if (!b.isEmpty()) {
                        expected.add(new ScoredBox(
                                b, 1 / (1 + Math.exp(-out.predLogits().getDouble(0, q)))));
                    }
                }
            }
            expected.sort(Comparator.comparingDouble(ScoredBox::score).reversed());
            List<ScoredBox> got;
            try (Grounder g = Grounder.load(model)) {
                got = g.ground(ImageInput.of(png), sentence);
            }
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < got.size(); i++) {
                GrounderTest.assertClose(got.get(i), expected.get(i), 1e-6);
            }
        }
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}

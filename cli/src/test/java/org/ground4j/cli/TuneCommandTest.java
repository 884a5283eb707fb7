package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.eval.EvalFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** {@code ground4j tune} end to end on an untrained tiny checkpoint. */
class TuneCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path samples;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    @BeforeAll
    static void fixtures() throws IOException {
        // an untrained head scores about sigmoid(0) and below; a bias of 2 puts every box above tune's lowest threshold
        // 0.05,
        // and fusion IoU 1 keeps its overlapping boxes apart, so that sentences have several
        Path untrained = GroundingFixtures.checkpoint(dir.resolve("untrained"), 0.0);
        Checkpoint c = CheckpointIO.load(untrained).withInference(new InferenceSettings(0.0, 1.0));
        c.weights().put("class_embed.bias", Nd4j.valueArrayOf(new long[] {1}, 2.0f));
        model = dir.resolve("model");
        CheckpointIO.save(model, c);
        Files.createDirectories(dir.resolve("data/images"));
        GroundingFixtures.png(dir.resolve("data/images/a.png"), 80, 64, 2);
        GroundingFixtures.png(dir.resolve("data/images/b.png"), 64, 80, 3);
        GroundingFixtures.png(dir.resolve("data/images/c.png"), 72, 72, 4);
        samples = Files.writeString(dir.resolve("data/samples.jsonl"), """
                {"id": "s1", "image": "images/a.png", "sentence": "Left effusion.", "boxes": []}
                {"id": "s2", "image": "images/b.png", "sentence": "Sin neumotórax.", "boxes": []}
                {"id": "s3", "image": "images/a.png", "sentence": "Multiple nodules.", "boxes": []}
                {"id": "s4", "image": "images/c.png", "sentence": "Right basal opacity.", "boxes": []}
                """);
    }

    /**
     * Gold made from the model's own output: each sentence's best box only. Keeping only the best box is then
     * exactly right, so tune must reach P@F1=1 100 % with a relative threshold, and the tuned checkpoint must
     * ground the gold again.
     */
    @Test
    void choosesTheThresholdsThatReproduceTheBestBoxOnlyAndWritesThem() throws IOException {
        Path all = dir.resolve("all.jsonl");
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        all.toString(),
                        "--threshold",
                        "0.05"))
                .as(std.err())
                .isZero();
        List<Sample> gold = new ArrayList<>();
        int several = 0;
        for (Sample p : SampleJsonl.read(all)) {
            assertThat(p.boxes()).isNotEmpty();
            several += p.boxes().size() > 1 ? 1 : 0;
            gold.add(p.withBoxes(List.of(p.boxes().get(0)), null)); // sorted by score: the first is the best
        }
        assertThat(several)
                .as("sentences where keeping only the best box matters")
                .isPositive();
        Path goldFile = dir.resolve("gold.jsonl"); // beside all.jsonl, whose image paths it keeps
        SampleJsonl.write(goldFile, gold);
        Path tuned = dir.resolve("tuned");
        std.reset();
        assertThat(Main.run(
                        "tune", "--model", model.toString(), "--data", goldFile.toString(), "--out", tuned.toString()))
                .as(std.err())
                .isZero();
        String out = std.out();
        assertThat(out)
                .startsWith("fusion relative  threshold  P@F1=1")
                .contains("<- chosen")
                .contains("chosen: threshold ");
        assertThat(out.lines().filter(l -> l.endsWith("<- chosen")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(" 100.0 "));

        InferenceSettings s = CheckpointIO.load(tuned).inference();
        assertThat(s.relativeThreshold()).isGreaterThan(0.5);
        assertThat(s.fusionIou()).isEqualTo(CheckpointIO.load(model).inference().fusionIou());
        assertThat(CheckpointIO.load(tuned).provenance())
                .containsKey("tuned_on")
                .containsEntry("tuned_p_at_f1_1", "1.0");
        assertThat(CheckpointIO.load(model).inference().relativeThreshold())
                .as("the input is left alone")
                .isZero();

        Path again = dir.resolve("again.jsonl");
        assertThat(Main.run(
                        "ground",
                        "--model",
                        tuned.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        again.toString()))
                .as(std.err())
                .isZero();
        assertThat(EvalFiles.evaluate(goldFile, again).groups().overall().pAtF1())
                .isEqualTo(1.0);
    }

    /**
     * Gold made from the model's own output fused at IoU 0.5 (fewer boxes than queries); the search over fusion
     * IoUs 1 and 0.5 must find a setting that reproduces it, and the tuned checkpoint must ground it again.
     */
    @Test
    void searchesTheFusionIousGivenAndKeepsTheOneThatFits() throws IOException {
        Path fused = dir.resolve("fused.jsonl");
        Path unfused = dir.resolve("unfused.jsonl");
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        fused.toString(),
                        "--threshold",
                        "0.05",
                        "--fusion-iou",
                        "0.5"))
                .as(std.err())
                .isZero();
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        unfused.toString(),
                        "--threshold",
                        "0.05"))
                .as(std.err())
                .isZero();
        int merged = 0;
        List<Sample> raw = SampleJsonl.read(unfused);
        List<Sample> gold = SampleJsonl.read(fused);
        for (int i = 0; i < gold.size(); i++) {
            merged += raw.get(i).boxes().size() - gold.get(i).boxes().size();
        }
        assertThat(merged).as("boxes that fusion at IoU 0.5 merges").isPositive();
        Path tuned = dir.resolve("tuned-fusion");
        std.reset();
        assertThat(Main.run(
                        "tune",
                        "--model",
                        model.toString(),
                        "--data",
                        fused.toString(),
                        "--out",
                        tuned.toString(),
                        "--fusion-iou",
                        "1,0.5"))
                .as(std.err())
                .isZero();
        String out = std.out();
        assertThat(out.lines().filter(l -> l.startsWith("1.00 "))).hasSize(12);
        assertThat(out.lines().filter(l -> l.startsWith("0.50 ")))
                .hasSize(12)
                .anySatisfy(l -> assertThat(l).contains(" 100.0 "));
        assertThat(out.lines().filter(l -> l.endsWith("<- chosen")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(" 100.0 "));

        Path again = dir.resolve("again-fusion.jsonl");
        assertThat(Main.run(
                        "ground",
                        "--model",
                        tuned.toString(),
                        "--input",
                        samples.toString(),
                        "--output",
                        again.toString()))
                .as(std.err())
                .isZero();
        assertThat(EvalFiles.evaluate(fused, again).groups().overall().pAtF1()).isEqualTo(1.0);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() {
        Path tuned = dir.resolve("never");
        assertThat(Main.run(
                        "tune",
                        "--model",
                        model.toString(),
                        "--data",
                        dir.resolve("missing.jsonl").toString(),
                        "--out",
                        tuned.toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(std.err().strip()).contains("missing.jsonl").doesNotContain("\n");
        assertThat(tuned).doesNotExist();
        std.reset();
        assertThat(Main.run(
                        "tune",
                        "--model",
                        dir.resolve("nomodel").toString(),
                        "--data",
                        samples.toString(),
                        "--out",
                        tuned.toString()))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(std.err().strip()).contains("nomodel").doesNotContain("\n");
        assertThat(tuned).doesNotExist();
        std.reset();
        assertThat(Main.run(
                        "tune",
                        "--model",
                        model.toString(),
                        "--data",
                        samples.toString(),
                        "--out",
                        tuned.toString(),
                        "--fusion-iou",
                        "0.1,1.5"))
                .isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(std.err().strip()).isEqualTo("ground4j tune: --fusion-iou must lie in [0,1], got 1.5");
        assertThat(tuned).doesNotExist();
    }
}

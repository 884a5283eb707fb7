package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.ImageLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grounder on an untrained tiny checkpoint: behaviour, not quality. */
class GrounderTest {

    static final String REPORT = "FINDINGS: Small left pleural effusion. No pneumothorax.\n"
            + "- Right lower lobe consolidation\n- Heart size is normal.\nIMPRESSION: 1. Multiple nodules. "
            + "2. Derrame pleural bilateral.";

    @TempDir
    static Path dir;

    static Path model;
    static Path unfused;
    static Path image;
    static Grounder grounder;

    @BeforeAll
    static void load() {
        model = TinyCheckpoint.write(dir.resolve("model"), 0.0, 0.1);
        unfused = TinyCheckpoint.write(dir.resolve("unfused"), 0.0, 1.0);
        image = TinyCheckpoint.png(dir.resolve("cxr.png"), 80, 64, 1);
        grounder = Grounder.load(model);
    }

    @AfterAll
    static void close() {
        grounder.close();
    }

    @Test
    void boxesLieOnTheImageWithScoresAtLeastTheThresholdBestFirst() {
        List<ScoredBox> boxes = grounder.ground(ImageInput.of(image), "Small left pleural effusion.");
        assertThat(boxes).isNotEmpty();
        for (ScoredBox b : boxes) {
            assertThat(b.box().isNormalised()).as("%s", b).isTrue();
            assertThat(b.box().isEmpty()).isFalse();
        }
        assertThat(boxes)
                .isSortedAccordingTo(
                        Comparator.comparingDouble(ScoredBox::score).reversed());
    }

    @Test
    void theThresholdComesFromTheCheckpointUnlessOverridden() {
        assertThat(grounder.postProcessor()).isEqualTo(new PostProcessor(0.0, 0.1));
        Path strict = TinyCheckpoint.write(dir.resolve("strict"), 0.8, 0.3);
        try (Grounder g = Grounder.load(strict)) {
            assertThat(g.postProcessor()).isEqualTo(new PostProcessor(0.8, 0.3));
        }
        try (Grounder g = Grounder.load(strict, GrounderOptions.fromCheckpoint().withThreshold(0.05))) {
            assertThat(g.postProcessor()).isEqualTo(new PostProcessor(0.05, 0.3));
        }
        Path relative = dir.resolve("relative");
        CheckpointIO.save(relative, CheckpointIO.load(strict).withInference(new InferenceSettings(0.8, 0.3, 0.9)));
        try (Grounder g = Grounder.load(relative)) {
            assertThat(g.postProcessor()).isEqualTo(new PostProcessor(0.8, 0.3, 0.9));
        }
        try (Grounder g =
                Grounder.load(relative, GrounderOptions.fromCheckpoint().withRelativeThreshold(0))) {
            assertThat(g.postProcessor()).isEqualTo(new PostProcessor(0.8, 0.3, 0));
        }
    }

    @Test
    void aHigherThresholdKeepsOnlyHigherScores() {
        List<ScoredBox> all;
        try (Grounder g = Grounder.load(unfused)) {
            all = g.ground(ImageInput.of(image), "Multiple nodules.");
        }
        assertThat(all).hasSize(TinyCheckpoint.CONFIG.transformer().queries());
        double median = all.get(all.size() / 2).score();
        GrounderOptions options = GrounderOptions.fromCheckpoint().withThreshold(median);
        try (Grounder g = Grounder.load(unfused, options)) {
            List<ScoredBox> kept = g.ground(ImageInput.of(image), "Multiple nodules.");
            assertThat(kept).isNotEmpty().allSatisfy(b -> assertThat(b.score()).isGreaterThanOrEqualTo(median));
            assertThat(kept.size()).isLessThan(all.size());
        }
        try (Grounder g = Grounder.load(unfused, options.withThreshold(1.0))) {
            assertThat(g.ground(ImageInput.of(image), "Multiple nodules.")).isEmpty();
        }
    }

    @Test
    void aReportIsSplitIntoItsSentencesWithOffsets() {
        GroundedReport r = grounder.groundReport(ImageInput.of(image), REPORT);
        assertThat(r.sentences())
                .extracting(GroundedSentence::text)
                .containsExactly(
                        "Small left pleural effusion.",
                        "No pneumothorax.",
                        "Right lower lobe consolidation",
                        "Heart size is normal.",
                        "Multiple nodules.",
                        "Derrame pleural bilateral.");
        for (GroundedSentence s : r.sentences()) {
            assertThat(REPORT.substring(s.start(), s.end())).isEqualTo(s.text());
        }
        assertThat(r.image()).isEqualTo(image.toString());
        assertThat(r.imageWidth()).isEqualTo(80);
        assertThat(r.imageHeight()).isEqualTo(64);
    }

    @Test
    void aReportEncodesTheImageOnceAndGroundsItsSentencesInOneBatch() {
        try (Grounder g = Grounder.load(model)) {
            g.groundReport(ImageInput.of(image), REPORT);
            assertThat(g.counters()).isEqualTo(new GrounderCounters(1, 6, 1));
            List<String> many = new ArrayList<>();
            for (int i = 0; i < Grounder.MAX_BATCH + 8; i++) {
                many.add("Nodule " + i + " in the left lung.");
            }
            assertThat(g.groundSentences(ImageInput.of(image), many)).hasSize(many.size());
            assertThat(g.counters()).isEqualTo(new GrounderCounters(2, 6 + many.size(), 3));
        }
    }

    @Test
    void groundingSentencesTogetherGivesWhatGroundingThemOneByOneGives() {
        GroundedReport r = grounder.groundReport(ImageInput.of(image), REPORT);
        for (GroundedSentence s : r.sentences()) {
            List<ScoredBox> alone = grounder.ground(ImageInput.of(image), s.text());
            assertThat(alone).hasSameSizeAs(s.boxes());
            for (int i = 0; i < alone.size(); i++) {
                assertClose(alone.get(i), s.boxes().get(i), 1e-4);
            }
        }
    }

    @Test
    void theSameInputGivesTheSameBoxesAcrossCallsAndLoads() {
        GroundedReport first = grounder.groundReport(ImageInput.of(image), REPORT);
        assertThat(grounder.groundReport(ImageInput.of(image), REPORT)).isEqualTo(first);
        try (Grounder other = Grounder.load(model)) {
            assertThat(other.groundReport(ImageInput.of(image), REPORT)).isEqualTo(first);
        }
    }

    @Test
    void everyKindOfImageInputGivesTheSameBoxes() throws IOException {
        List<ScoredBox> fromPath = grounder.ground(ImageInput.of(image), "Left lower zone opacity.");
        byte[] bytes = Files.readAllBytes(image);
        assertThat(grounder.ground(ImageInput.of(bytes), "Left lower zone opacity."))
                .isEqualTo(fromPath);
        assertThat(grounder.ground(ImageInput.of(ImageIO.read(image.toFile())), "Left lower zone opacity."))
                .isEqualTo(fromPath);
        try (Mat mat = imread(image.toString(), IMREAD_UNCHANGED)) {
            assertThat(grounder.ground(ImageInput.of(mat), "Left lower zone opacity."))
                    .isEqualTo(fromPath);
        }
        assertThat(grounder.ground(
                        ImageInput.of(ImageLoader.DEFAULT.load(image), "decoded"), "Left lower zone opacity."))
                .isEqualTo(fromPath);
    }

    @Test
    void emptyTextIsRejectedNamingTheImage() {
        ImageInput in = ImageInput.of(image);
        assertThatThrownBy(() -> grounder.ground(in, "  "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(image.toString())
                .hasMessageContaining("empty sentence");
        assertThatThrownBy(() -> grounder.ground(in, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> grounder.groundReport(in, ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty report");
        assertThatThrownBy(() -> grounder.groundReport(in, "FINDINGS:\nIMPRESSION:\n---"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no sentence");
        assertThatThrownBy(() -> grounder.groundSentences(in, List.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void unreadableImagesAreRejectedByName() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> grounder.ground(ImageInput.of(missing), "Cardiomegaly."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing.toString());
        Path corrupt = Files.write(dir.resolve("corrupt.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> grounder.ground(ImageInput.of(corrupt), "Cardiomegaly."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(corrupt.toString());
        byte[] png = Files.readAllBytes(image);
        Path truncated = Files.write(dir.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> grounder.ground(ImageInput.of(truncated), "Cardiomegaly."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(truncated.toString());
        assertThatThrownBy(() -> grounder.ground(ImageInput.of(new byte[0], "upload 7"), "Cardiomegaly."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("upload 7");
        try (Mat empty = new Mat()) {
            assertThatThrownBy(() -> grounder.ground(ImageInput.of(empty), "Cardiomegaly."))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("empty");
        }
    }

    @Test
    void badCheckpointsAreRejectedByName() throws IOException {
        Path nowhere = dir.resolve("no-such-model");
        assertThatThrownBy(() -> Grounder.load(nowhere))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(nowhere.toString());
        Path cut = TinyCheckpoint.write(dir.resolve("cut"), 0.5, 0.1);
        Path weights = cut.resolve("weights.safetensors");
        byte[] w = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(w, w.length - 100));
        assertThatThrownBy(() -> Grounder.load(cut))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weights.safetensors")
                .hasMessageContaining("truncated");
        var noTokenizer = TinyCheckpoint.checkpoint(0.5, 0.1);
        var bare = new org.ground4j.core.checkpoint.Checkpoint(
                noTokenizer.config(),
                noTokenizer.weights(),
                null,
                noTokenizer.inference(),
                noTokenizer.provenance(),
                null,
                null);
        assertThatThrownBy(() -> Grounder.of(bare, GrounderOptions.fromCheckpoint(), "bare"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bare")
                .hasMessageContaining("tokenizer");
    }

    @Test
    void aClosedGrounderRefusesWork() {
        Grounder g = Grounder.load(model);
        g.close();
        g.close();
        assertThatThrownBy(() -> g.ground(ImageInput.of(image), "Cardiomegaly."))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    static void assertClose(ScoredBox a, ScoredBox b, double tol) {
        assertThat(a.score()).isCloseTo(b.score(), org.assertj.core.data.Offset.offset(tol));
        double[] x = a.box().toArray(), y = b.box().toArray();
        for (int k = 0; k < 4; k++) {
            assertThat(x[k])
                    .as("coordinate %d of %s vs %s", k, a, b)
                    .isCloseTo(y[k], org.assertj.core.data.Offset.offset(tol));
        }
    }
}

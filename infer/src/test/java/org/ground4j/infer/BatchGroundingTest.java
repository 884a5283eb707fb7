package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grounding a JSON Lines file of samples into predictions. */
class BatchGroundingTest {

    @TempDir
    static Path dir;

    static Grounder grounder;

    @BeforeAll
    static void load() {
        grounder = Grounder.load(TinyCheckpoint.write(dir.resolve("model"), 0.0, 0.1));
    }

    @AfterAll
    static void close() {
        grounder.close();
    }

    static List<Sample> writeSamples(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("images"));
        TinyCheckpoint.png(folder.resolve("images/a.png"), 80, 64, 1);
        TinyCheckpoint.png(folder.resolve("images/b.png"), 64, 96, 2);
        TinyCheckpoint.png(folder.resolve("c.png"), 64, 64, 3);
        Box gold = new Box(0.1, 0.2, 0.4, 0.6);
        List<Sample> samples = List.of(
                new Sample("s1", "images/a.png", "Left pleural effusion.", List.of(gold), null, "effusion", "en"),
                new Sample("s2", "images/b.png", "No pneumothorax.", List.of(), null, null, "en"),
                new Sample(
                        "s3",
                        "images/a.png",
                        "Derrame pleural bilateral.",
                        List.of(gold, gold),
                        null,
                        "effusion",
                        "es"),
                new Sample("s4", "c.png", "Multiple nodules.", List.of(gold), null, "nodule", null),
                new Sample("s5", "images/a.png", "Heart size is normal.", List.of(), null, null, "en"),
                new Sample("s6", "images/b.png", "Right lower lobe consolidation.", List.of(gold), null, null, null));
        SampleJsonl.write(folder.resolve("samples.jsonl"), samples);
        return samples;
    }

    @Test
    void groundsEveryImageOnceAndKeepsTheSamplesOrderAndLabels() throws IOException {
        Path data = dir.resolve("data1");
        List<Sample> samples = writeSamples(data);
        Path out = dir.resolve("preds/preds.jsonl");
        List<long[]> updates = new ArrayList<>();
        GrounderCounters before = grounder.counters();
        BatchGrounding.Summary s = BatchGrounding.run(
                grounder, data.resolve("samples.jsonl"), out, (done, total) -> updates.add(new long[] {done, total}));
        assertThat(s).isEqualTo(new BatchGrounding.Summary(6, 3));
        GrounderCounters after = grounder.counters();
        assertThat(after.imagesEncoded() - before.imagesEncoded()).isEqualTo(3);
        assertThat(after.groundingBatches() - before.groundingBatches()).isEqualTo(3);

        List<Sample> preds = SampleJsonl.read(out);
        assertThat(preds).extracting(Sample::id).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        for (int i = 0; i < preds.size(); i++) {
            Sample p = preds.get(i), g = samples.get(i);
            assertThat(p.sentence()).isEqualTo(g.sentence());
            assertThat(p.category()).isEqualTo(g.category());
            assertThat(p.lang()).isEqualTo(g.lang());
            assertThat(p.scores()).isNotNull().hasSameSizeAs(p.boxes());
            assertThat(out.getParent().resolve(p.image()).normalize())
                    .isEqualTo(data.resolve(g.image()).toAbsolutePath().normalize());
        }
        List<List<ScoredBox>> direct = grounder.groundSentences(
                ImageInput.of(data.resolve("images/a.png")),
                List.of("Left pleural effusion.", "Derrame pleural bilateral.", "Heart size is normal."));
        assertThat(preds.get(2).boxes())
                .containsExactlyElementsOf(
                        direct.get(1).stream().map(ScoredBox::box).toList());
        assertThat(preds.get(2).scores())
                .containsExactlyElementsOf(
                        direct.get(1).stream().map(ScoredBox::score).toList());
        assertThat(updates.get(0)).containsExactly(0, 6);
        assertThat(updates.get(updates.size() - 1)).containsExactly(6, 6);
        assertThat(updates).extracting(u -> u[0]).isSorted();
    }

    @Test
    void anUnreadableImageStopsTheRunNamingSampleAndFileAndWritesNothing() throws IOException {
        Path data = dir.resolve("data2");
        writeSamples(data);
        Files.delete(data.resolve("c.png"));
        Path out = dir.resolve("data2/preds.jsonl");
        assertThatThrownBy(
                        () -> BatchGrounding.run(grounder, data.resolve("samples.jsonl"), out, ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("s4")
                .hasMessageContaining("c.png");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSampleWithoutSentenceOrImageIsRejected() throws IOException {
        Path in = Files.writeString(
                dir.resolve("bad.jsonl"),
                "{\"id\": \"x1\", \"image\": \"a.png\", \"sentence\": \" \", \"boxes\": []}\n");
        assertThatThrownBy(() -> BatchGrounding.run(grounder, in, dir.resolve("o.jsonl"), ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x1")
                .hasMessageContaining("sentence");
        Path noImage = Files.writeString(
                dir.resolve("bad2.jsonl"), "{\"id\": \"x2\", \"sentence\": \"Cardiomegaly.\", \"boxes\": []}\n");
        assertThatThrownBy(() -> BatchGrounding.run(grounder, noImage, dir.resolve("o.jsonl"), ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x2")
                .hasMessageContaining("image");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertThatThrownBy(() -> BatchGrounding.run(grounder, empty, dir.resolve("o.jsonl"), ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no samples");
    }

    @Test
    void shuffledImagesGroundEachSentenceOnAnotherStudysImageAndKeepTheIds() throws IOException {
        Path data = dir.resolve("data3");
        List<Sample> samples = writeSamples(data);
        Path in = data.resolve("samples.jsonl");
        Path out = dir.resolve("preds3/shuffled.jsonl");
        GrounderCounters before = grounder.counters();
        BatchGrounding.Summary s = BatchGrounding.runShuffled(grounder, in, out, 7, ProgressListener.NONE);
        assertThat(s).isEqualTo(new BatchGrounding.Summary(6, 3));
        assertThat(grounder.counters().imagesEncoded() - before.imagesEncoded()).isEqualTo(3); // still once each

        Map<Path, Path> swap = ImageDerangement.of(
                samples.stream()
                        .map(g -> data.resolve(g.image()).toAbsolutePath().normalize())
                        .toList(),
                7);
        List<Sample> preds = SampleJsonl.read(out);
        assertThat(preds).extracting(Sample::id).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
        for (int i = 0; i < preds.size(); i++) {
            Sample p = preds.get(i), g = samples.get(i);
            Path own = data.resolve(g.image()).toAbsolutePath().normalize();
            Path used = out.getParent().resolve(p.image()).toAbsolutePath().normalize();
            assertThat(used).as(p.id()).isEqualTo(swap.get(own)).isNotEqualTo(own);
            assertThat(p.sentence()).isEqualTo(g.sentence());
            assertThat(p.category()).isEqualTo(g.category());
        }
        // s4 ("Multiple nodules.", on c.png) was grounded on the image c.png maps to
        List<List<ScoredBox>> direct = grounder.groundSentences(
                ImageInput.of(swap.get(data.resolve("c.png").toAbsolutePath().normalize())),
                List.of("Multiple nodules."));
        assertThat(preds.get(3).boxes())
                .containsExactlyElementsOf(
                        direct.get(0).stream().map(ScoredBox::box).toList());

        Path again = dir.resolve("preds3/again.jsonl");
        BatchGrounding.runShuffled(grounder, in, again, 7, ProgressListener.NONE);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }

    @Test
    void shufflingNeedsTwoDistinctImages() throws IOException {
        Files.createDirectories(dir.resolve("one"));
        TinyCheckpoint.png(dir.resolve("one/a.png"), 64, 64, 1);
        Path in = Files.writeString(dir.resolve("one/samples.jsonl"), """
                {"id": "x1", "image": "a.png", "sentence": "Cardiomegaly.", "boxes": []}
                {"id": "x2", "image": "./a.png", "sentence": "No effusion.", "boxes": []}
                """);
        Path out = dir.resolve("one/shuffled.jsonl");
        assertThatThrownBy(() -> BatchGrounding.runShuffled(grounder, in, out, 1, ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(in + ": cannot ground on another study's image: shuffling images needs at "
                        + "least two distinct images, got 1");
        assertThat(out).doesNotExist();
    }
}

package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle and started again with the same command ends with exactly the weights
 * of a run that was never interrupted (same seed, data order, augmentation, optimiser state and running
 * BatchNorm statistics).
 */
class ResumeTest {

    @TempDir
    Path dir;

    private Path runFile(String out) throws IOException {
        String yaml = String.join(
                "\n",
                "stage: expert",
                "model: tiny",
                "tokenizer: tokenizer.json",
                "data: {expert_train: data/expert.jsonl, expert_val: data/val.jsonl}",
                "out: " + out,
                "seed: 9",
                "epochs: {weak: 0, expert: 2}",
                "batch_images: 2",
                "lr: {backbone: 1.0e-3, text: 1.0e-3, rest: 1.0e-3, drop_epoch: 1, gamma: 0.5}",
                "grad_clip: 1.0",
                "warmup_steps: 2",
                "augment: {noise_sigma: 0.02, crop_probability: 0.5, min_crop_fraction: 0.7, min_visible_fraction: 0.9}",
                "dropout: 0.1",
                "checkpoint_every: 2",
                "batch_norm: train", // the running BatchNorm statistics are state to resume too
                "");
        Path f = dir.resolve(out + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aKilledRunResumesToTheSameWeights() throws Exception {
        SynthCxr.generate(SynthConfig.of(24, 3), dir.resolve("data"));
        List<Sample> all = SampleJsonl.read(dir.resolve("data").resolve(SynthCxr.EXPERT));
        SampleJsonl.write(dir.resolve("data/val.jsonl"), all.subList(0, 6));
        TokenizerJson.write(
                dir.resolve("tokenizer.json"),
                new WordPieceTrainer(150)
                        .train(all.stream().map(Sample::sentence).toList()));

        // reference: never interrupted
        Trainer.Summary ref = new Trainer(TrainConfig.load(runFile("ref")), TrainListener.SILENT).run();
        long totalSteps = ref.steps().get("expert");
        assertThat(totalSteps).isGreaterThanOrEqualTo(6);

        // the same run in another JVM, killed (SIGKILL) after its third step
        Path cfg = runFile("crash");
        Process p = new ProcessBuilder(
                        javaBin(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Doffline=true",
                        TrainProcess.class.getName(),
                        cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("crash.out").toFile())
                .start();
        Path log = dir.resolve("crash/log.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && steps(log) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(p.isAlive())
                .as(
                        "still training when killed; output: %s",
                        Files.exists(dir.resolve("crash.out")) ? Files.readString(dir.resolve("crash.out")) : "")
                .isTrue();
        p.destroyForcibly().waitFor();
        assertThat(Files.isDirectory(dir.resolve("crash/expert/last")))
                .as("a checkpoint was written before the kill")
                .isTrue();

        // the same command again, to the end
        List<String> lines = new java.util.ArrayList<>();
        List<Integer> epochsStarted = new java.util.ArrayList<>();
        long[] stepsDone = {0};
        TrainListener recording = new TrainListener() {
            @Override
            public void epochStarted(String stage, int epoch, int epochs, int batches) {
                epochsStarted.add(epoch);
            }

            @Override
            public void stepDone(String stage, int epoch, int done, int batches, int doneThisRun, double loss) {
                stepsDone[0]++;
            }

            @Override
            public void message(String line) {
                lines.add(line);
            }
        };
        Trainer.Summary resumed = new Trainer(TrainConfig.load(cfg), recording).run();
        assertThat(resumed.steps().get("expert")).isEqualTo(totalSteps);
        // the listener hears the resumption, the steps this run made and each validation
        assertThat(lines.get(0)).startsWith("expert: resuming at epoch ");
        assertThat(lines).anyMatch(l -> l.startsWith("expert epoch 2: validation P@F1=1 "));
        assertThat(epochsStarted).isNotEmpty().isSorted();
        assertThat(stepsDone[0]).isPositive().isLessThan(totalSteps);
        assertThat(Files.readString(log)).contains("\"event\":\"resume\"");
        // the steps between the last checkpoint and the kill are logged again by the resumed run, and only by it
        assertThat(stepNumbers(log)).isEqualTo(stepNumbers(dir.resolve("ref/log.jsonl")));

        Checkpoint a = CheckpointIO.load(dir.resolve("ref/expert/last"));
        Checkpoint b = CheckpointIO.load(dir.resolve("crash/expert/last"));
        for (String n : a.weights().names()) {
            assertThat(b.weights().asMap().get(n))
                    .as(n)
                    .isEqualTo(a.weights().asMap().get(n));
        }
        assertThat(b.trainState().asMap().get("adam.step"))
                .isEqualTo(a.trainState().asMap().get("adam.step"));
    }

    private static long steps(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("\"event\":\"step\""))
                .count();
    }

    private static List<Long> stepNumbers(Path log) throws IOException {
        java.util.regex.Pattern step = java.util.regex.Pattern.compile("\"step\":(\\d+)");
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("\"event\":\"step\""))
                .map(l -> {
                    java.util.regex.Matcher m = step.matcher(l);
                    assertThat(m.find()).as(l).isTrue();
                    return Long.parseLong(m.group(1));
                })
                .toList();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}

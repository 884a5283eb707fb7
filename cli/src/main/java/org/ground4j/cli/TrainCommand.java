package org.ground4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ground4j.train.TrainConfig;
import org.ground4j.train.TrainListener;
import org.ground4j.train.Trainer;
import org.ground4j.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ground4j train --config run.yaml}: weak pretraining and/or expert fine-tuning. Started again with the
 * same command after a crash, it continues from the last checkpoint. Exit status 3 when training diverged.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a grounding model (stage weak, expert or both); resumes an interrupted run.",
            "Exit status: 0 done, 2 bad input, 3 diverged (too many non-finite steps)."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "run configuration (YAML)")
    Path config;

    @Override
    public Integer call() {
        TrainConfig cfg = TrainConfig.load(config);
        Trainer trainer = new Trainer(cfg, TrainListener.printingTo(System.err));
        try {
            Trainer.Summary s = quietStandardOutput(trainer::run);
            System.out.printf(
                    Locale.ROOT,
                    "best model: %s%nvalidation metric: %.4f at threshold %.2f%n"
                            + "steps: %s (skipped non-finite: %s)%nstep time / matching-forward time: %.2f%n",
                    s.best(),
                    s.metric(),
                    s.threshold(),
                    s.steps(),
                    s.skipped(),
                    s.forwardSeconds() > 0 ? s.stepSeconds() / s.forwardSeconds() : Double.NaN);
            return 0;
        } catch (TrainingDivergedException e) {
            System.err.println("ground4j train: " + e.getMessage());
            return 3;
        }
    }

    /**
     * Runs {@code run} with standard output dropped: SameDiff prints a line per differentiated op there while it
     * builds the gradient function, and this command's standard output is its summary alone. Progress goes to
     * standard error, which stays as it is.
     */
    private static <T> T quietStandardOutput(java.util.function.Supplier<T> run) {
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return run.get();
        } finally {
            System.setOut(saved);
        }
    }
}

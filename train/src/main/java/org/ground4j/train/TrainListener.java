package org.ground4j.train;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a training run tells whoever runs it: an epoch starts, a step is done (with its loss), and the lines worth
 * reading (resumed, already finished, a validation's result). The library never prints: by default
 * ({@link #logging()}) the lines go to SLF4J and progress is logged at debug level; the command line shows progress
 * bars on standard error ({@link #printingTo}).
 *
 * <pre>{@code
 * Trainer.Summary s = new Trainer(TrainConfig.load(Path.of("run.yaml")), new TrainListener() {
 *     @Override
 *     public void stepDone(String stage, int epoch, int done, int batches, int doneThisRun, double loss) {
 *         metrics.record(stage, loss);
 *     }
 * }).run();
 * }</pre>
 */
public interface TrainListener {

    /** Tells nothing. */
    TrainListener SILENT = new TrainListener() {};

    /**
     * An epoch starts.
     *
     * @param epoch   0-based
     * @param epochs  epochs of the stage
     * @param batches steps of the epoch
     */
    default void epochStarted(String stage, int epoch, int epochs, int batches) {}

    /**
     * A step is done.
     *
     * @param done        steps of this epoch done, counting those of an earlier run that this one resumed after
     * @param batches     steps of the epoch
     * @param doneThisRun steps of this epoch done by this run (for a rate)
     * @param loss        the step's loss, NaN for a step skipped as non-finite
     */
    default void stepDone(String stage, int epoch, int done, int batches, int doneThisRun, double loss) {}

    /** A line for the person running the training. */
    default void message(String line) {}

    /** Lines to SLF4J at info level, steps at debug level. */
    static TrainListener logging() {
        return new TrainListener() {
            private final Logger log = LoggerFactory.getLogger(Trainer.class);

            @Override
            public void stepDone(String stage, int epoch, int done, int batches, int doneThisRun, double loss) {
                log.debug("{} epoch {}: step {}/{} loss {}", stage, epoch + 1, done, batches, loss);
            }

            @Override
            public void message(String line) {
                log.info(line);
            }
        };
    }

    /**
     * A progress bar per epoch and the lines on {@code out}: redrawn in place on a terminal, one line every 10 %
     * otherwise.
     */
    static TrainListener printingTo(PrintStream out) {
        boolean tty = System.console() != null;
        return new TrainListener() {
            private ProgressBar bar;

            @Override
            public void epochStarted(String stage, int epoch, int epochs, int batches) {
                bar = new ProgressBar(out, tty, String.format("%s %d/%d", stage, epoch + 1, epochs), batches);
            }

            @Override
            public void stepDone(String stage, int epoch, int done, int batches, int doneThisRun, double loss) {
                if (bar != null) {
                    bar.update(done, doneThisRun, loss);
                }
            }

            @Override
            public void message(String line) {
                out.println(line);
                out.flush();
            }
        };
    }
}

package org.ground4j.infer;

/**
 * Told how far a long run ({@link BatchGrounding}, {@link ReportAttacher}) has come; the command line draws a
 * progress bar from it. Called from the thread doing the work, after each image.
 *
 * <pre>{@code
 * BatchGrounding.run(grounder, in, out, (done, total) -> log.info("{}/{}", done, total));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores every update. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * @param done  units finished so far (sentences for batch grounding, input lines for attach)
     * @param total units in the whole run
     */
    void update(long done, long total);
}

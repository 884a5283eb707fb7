package org.ground4j.train;

/** Too many consecutive steps with a non-finite loss or gradient: the run stops, the last good checkpoint stays. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}

package org.ground4j.core.checkpoint;

import org.ground4j.core.InvalidInputException;

/**
 * A checkpoint that cannot be used: a missing directory or file, a checksum that does not match (truncated or
 * modified), an unreadable configuration, weights holding a NaN or an infinity, or a tokenizer that does not fit the
 * weights. The message names the checkpoint file and the problem.
 *
 * <pre>{@code
 * try (Grounder g = Grounder.load(dir)) { ... }
 * catch (CheckpointException e) { log.error("model {} unusable: {}", dir, e.getMessage()); }
 * }</pre>
 */
public class CheckpointException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.ground4j.core.data;

import org.ground4j.core.InvalidInputException;

/**
 * A sample file that breaks the JSON Lines sample format: malformed JSON, a missing id or sentence, a box outside
 * [0,1] or inverted, scores that do not match the boxes, a repeated id. The message names the file and line
 * ({@code "preds.jsonl:17: box [0.2, 0.5, 0.1, 0.9] is inverted"}).
 */
public class InvalidSampleException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public InvalidSampleException(String message) {
        super(message);
    }

    public InvalidSampleException(String message, Throwable cause) {
        super(message, cause);
    }
}

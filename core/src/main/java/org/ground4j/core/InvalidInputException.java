package org.ground4j.core;

/**
 * Bad input from outside the library: a malformed file, an unreadable image, an empty sentence, a
 * checkpoint that does not match its configuration. The message names the input and the problem
 * ({@code "preds.jsonl:17: box [0.2, 0.5, 0.1, 0.9] is inverted"}); the command line prints it as one line
 * and exits with status 2.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

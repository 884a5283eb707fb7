package org.ground4j.infer;

import java.util.Objects;

/**
 * One sentence of a report and where it lies in it: {@code report.substring(start, end).equals(text)}.
 * The text is exactly the report's characters (line breaks of a wrapped sentence included), without the
 * surrounding whitespace, section header or list marker.
 *
 * <pre>{@code
 * SentenceSpan s = SentenceSplitter.split("FINDINGS: Small left effusion.").get(0);
 * // SentenceSpan[text=Small left effusion., start=10, end=30]
 * }</pre>
 *
 * @param text  the sentence, non-blank
 * @param start offset of its first character in the report
 * @param end   offset just past its last character
 */
public record SentenceSpan(String text, int start, int end) {

    /** @throws IllegalArgumentException on blank text or offsets that do not match its length */
    public SentenceSpan {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a sentence needs text, got \"" + text + "\" at " + start);
        }
        if (start < 0 || end - start != text.length()) {
            throw new IllegalArgumentException(
                    "sentence offsets [" + start + ", " + end + ") do not match its " + text.length() + " characters");
        }
    }
}

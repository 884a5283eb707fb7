package org.ground4j.core.data.weak;

/**
 * A finding named in a sentence, and whether the sentence denies it.
 *
 * @param finding canonical English name ("effusion" for "derrame pleural")
 * @param text    the words as matched (lower case, accents removed)
 * @param start   index of the first token
 * @param end     index after the last token
 * @param negated whether a negation cue's scope covers it
 */
public record FindingMention(String finding, String text, int start, int end, boolean negated) {}

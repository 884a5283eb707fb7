package org.ground4j.infer;

import static org.ground4j.infer.ReportLexicon.CONTINUING;
import static org.ground4j.infer.ReportLexicon.FINAL_BEFORE_CAPITAL;
import static org.ground4j.infer.ReportLexicon.HEADERS;
import static org.ground4j.infer.ReportLexicon.NEVER_FINAL;
import static org.ground4j.infer.ReportLexicon.TITLES;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an English or Spanish radiology report into the sentences that are grounded one by one, keeping
 * each sentence's character offsets in the report.
 *
 * <p>Rules, in the order they are tried at the start of each piece of text:
 * <ul>
 *   <li><b>Section headers</b> are dropped: a known section name followed by a colon ("FINDINGS:",
 *       "Impression:", "HALLAZGOS:", "Conclusión:") or alone on its line, and an upper-case label ending with a
 *       colon that is alone on its line ("CHEST PA AND LATERAL:"). An upper-case label followed by text on the
 *       same line is kept ("LUNGS: CLEAR." is a sentence about the lungs).</li>
 *   <li><b>List markers</b> are dropped: bullets ({@code - * • · – —}) and enumerations ({@code 1. 2) (3) a) (b)}),
 *       at a line start, after a header or after the end of a sentence ("1. Cardiomegaly. 2. Small effusion.").</li>
 *   <li><b>Sentences</b> end at {@code . ! ? …} followed by whitespace (closing quotes and brackets stay with the
 *       sentence), except after an abbreviation: never after titles and Latin ones ("Dr.", "Dra.", "e.g.",
 *       "i.e.", "approx.", "aprox.", "vs.", "p. ej.", a lower-case single letter, an initial after a title);
 *       only before a word that is not lower case after those that may end a sentence ("etc.", "cm.",
 *       "izq.", "post."). A point between digits is a decimal ("1.5 cm"; "2,5 cm" has no point).</li>
 *   <li><b>Line breaks</b> end a sentence, except a wrapped line: the next line starts with a lower-case letter
 *       or a digit, or the line ends with a comma, a semicolon or a word such as "the", "of", "de", "en".
 *       A blank line, or a next line that starts with a marker or header, always ends it.</li>
 * </ul>
 * A piece without any letter or digit ("---") is not a sentence.
 *
 * <pre>{@code
 * List<SentenceSpan> s = SentenceSplitter.split("""
 *         HALLAZGOS:
 *         1. Derrame pleural izquierdo de aprox. 2,5 cm. 2. Sin neumotórax.""");
 * // [Derrame pleural izquierdo de aprox. 2,5 cm. [14, 57), Sin neumotórax. [61, 76)]
 * }</pre>
 */
public final class SentenceSplitter {

    /** What a piece of a report is. */
    enum Kind {
        SENTENCE,
        HEADER,
        MARKER,
        PUNCTUATION
    }

    /** A piece of a report: {@code [start, end)}, trimmed of whitespace. */
    record Segment(Kind kind, int start, int end) {}

    private static final String BULLETS = "-*•·–—▪◦‣";
    private static final String TERMINATORS = ".!?…";
    private static final String CLOSERS = "\"')]}»”’";
    private static final String CONTINUING_PUNCTUATION = ",;(/&";
    private static final int MAX_HEADER = 40;
    private static final Pattern ENUMERATION = Pattern.compile(
            "(?:\\(\\d{1,2}\\)|\\([a-zA-Z]\\)|\\d{1,2}[.)]|[a-z][.)]|[A-Z]\\))(?=\\s|$)|\\d{1,2}\\.(?=\\p{L})");

    private SentenceSplitter() {}

    /**
     * The sentences of a report, in order.
     *
     * @param report any text; may be empty
     * @return the sentences, possibly none (an empty report, or one with headers only)
     */
    public static List<SentenceSpan> split(String report) {
        List<SentenceSpan> out = new ArrayList<>();
        for (Segment s : segments(report)) {
            if (s.kind() == Kind.SENTENCE) {
                out.add(new SentenceSpan(report.substring(s.start(), s.end()), s.start(), s.end()));
            }
        }
        return out;
    }

    /** Every non-whitespace piece of the report, in order: sentences, headers, markers, stray punctuation. */
    static List<Segment> segments(String report) {
        Objects.requireNonNull(report, "report");
        List<Segment> out = new ArrayList<>();
        int n = report.length();
        int pos = 0;
        while (true) {
            while (pos < n && Character.isWhitespace(report.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                return out;
            }
            int end = headerEnd(report, pos, isLineStart(report, pos));
            Kind kind = Kind.HEADER;
            if (end < 0) {
                end = markerEnd(report, pos);
                kind = Kind.MARKER;
            }
            if (end < 0) {
                end = sentenceEnd(report, pos);
                kind = hasLetterOrDigit(report, pos, end) ? Kind.SENTENCE : Kind.PUNCTUATION;
            }
            out.add(new Segment(kind, pos, end));
            pos = end;
        }
    }

    /** End of a section header starting at {@code pos}, or -1. */
    private static int headerEnd(String s, int pos, boolean lineStart) {
        int lineEnd = s.indexOf('\n', pos);
        lineEnd = lineEnd < 0 ? s.length() : lineEnd;
        int colon = s.indexOf(':', pos);
        if (colon > pos
                && colon < lineEnd
                && colon - pos <= MAX_HEADER
                && (colon + 1 == s.length() || s.charAt(colon + 1) != '/')) {
            String label = s.substring(pos, colon).strip();
            if (HEADERS.contains(normalise(label))
                    || (isUpperCaseLabel(label)
                            && s.substring(colon + 1, lineEnd).isBlank())) {
                return colon + 1;
            }
        }
        if (lineStart && lineEnd - pos <= MAX_HEADER && HEADERS.contains(normalise(s.substring(pos, lineEnd)))) {
            return trimEnd(s, pos, lineEnd);
        }
        return -1;
    }

    /** End of a bullet or enumeration marker starting at {@code pos}, or -1. */
    private static int markerEnd(String s, int pos) {
        char c = s.charAt(pos);
        if (BULLETS.indexOf(c) >= 0 && (pos + 1 == s.length() || Character.isWhitespace(s.charAt(pos + 1)))) {
            return pos + 1;
        }
        Matcher m = ENUMERATION.matcher(s).region(pos, s.length());
        return m.lookingAt() ? m.end() : -1;
    }

    /** End (exclusive, trimmed) of the sentence starting at {@code start}. */
    private static int sentenceEnd(String s, int start) {
        int n = s.length();
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                if (breaksAtNewline(s, start, i)) {
                    return trimEnd(s, start, i);
                }
                i++;
            } else if (TERMINATORS.indexOf(c) >= 0) {
                int j = i;
                while (j < n && TERMINATORS.indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                boolean singlePoint = j == i + 1 && c == '.';
                while (j < n && CLOSERS.indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                if (j == n) {
                    return j;
                }
                boolean ends = Character.isWhitespace(s.charAt(j))
                        ? !singlePoint || pointEndsSentence(s, i, j)
                        : singlePoint && j == i + 1 && runsIntoCapital(s, i);
                if (ends) {
                    return j;
                }
                i = j;
            } else {
                i++;
            }
        }
        return trimEnd(s, start, n);
    }

    /** Whether the point at {@code i}, followed by whitespace at {@code j}, ends a sentence. */
    private static boolean pointEndsSentence(String s, int i, int j) {
        int wordStart = wordStart(s, i);
        String word = s.substring(wordStart, i);
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return true;
        }
        if (NEVER_FINAL.contains(lower)) {
            return false;
        }
        if (word.length() == 1) {
            return Character.isUpperCase(word.charAt(0)) && !afterTitleOrInitial(s, wordStart);
        }
        if (FINAL_BEFORE_CAPITAL.contains(lower)) {
            int k = j;
            while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                k++;
            }
            return k == s.length() || !Character.isLowerCase(s.charAt(k));
        }
        return true;
    }

    /** "normal.The heart": a point between a word of three letters or more, lower case after its first, and a
     * capitalised word. */
    private static boolean runsIntoCapital(String s, int i) {
        String word = s.substring(wordStart(s, i), i);
        return word.length() >= 3
                && word.substring(1).chars().allMatch(Character::isLowerCase)
                && !NEVER_FINAL.contains(word.toLowerCase(Locale.ROOT))
                && !FINAL_BEFORE_CAPITAL.contains(word.toLowerCase(Locale.ROOT))
                && i + 2 < s.length()
                && Character.isUpperCase(s.charAt(i + 1))
                && Character.isLowerCase(s.charAt(i + 2));
    }

    /** Whether the initial at {@code wordStart} follows a title or another initial ("Dr. J.", "J. R."). */
    private static boolean afterTitleOrInitial(String s, int wordStart) {
        int k = wordStart;
        while (k > 0 && Character.isWhitespace(s.charAt(k - 1))) {
            k--;
        }
        if (k == wordStart || k == 0 || s.charAt(k - 1) != '.') {
            return false;
        }
        String previous = s.substring(wordStart(s, k - 1), k - 1);
        return TITLES.contains(previous.toLowerCase(Locale.ROOT))
                || (previous.length() == 1 && Character.isUpperCase(previous.charAt(0)));
    }

    /** Whether the line break at {@code i} ends the sentence that started at {@code start}. */
    private static boolean breaksAtNewline(String s, int start, int i) {
        int n = s.length();
        int k = i + 1;
        while (k < n && s.charAt(k) != '\n' && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        if (k >= n || s.charAt(k) == '\n' || markerEnd(s, k) > 0 || headerEnd(s, k, true) > 0) {
            return true;
        }
        int textEnd = trimEnd(s, start, i);
        if (CONTINUING_PUNCTUATION.indexOf(s.charAt(textEnd - 1)) >= 0
                || CONTINUING.contains(
                        s.substring(wordStart(s, textEnd), textEnd).toLowerCase(Locale.ROOT))) {
            return false;
        }
        char next = s.charAt(k);
        return !Character.isLowerCase(next) && !Character.isDigit(next);
    }

    /** Start of the word (letters, with inner points as in "e.g") that ends just before {@code end}. */
    private static int wordStart(String s, int end) {
        int k = end;
        while (k > 0
                && (Character.isLetter(s.charAt(k - 1))
                        || (s.charAt(k - 1) == '.' && k - 1 > 0 && k < end && Character.isLetter(s.charAt(k - 2))))) {
            k--;
        }
        return k;
    }

    private static boolean isLineStart(String s, int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** An upper-case label of at most six words: letters, spaces, {@code / & - ( )}, two letters or more. */
    private static boolean isUpperCaseLabel(String label) {
        int letters = 0;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return false;
                }
                letters++;
            } else if (" /&-()".indexOf(c) < 0) {
                return false;
            }
        }
        return letters >= 2 && label.split("\\s+").length <= 6;
    }

    private static String normalise(String label) {
        return label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static int trimEnd(String s, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    private static boolean hasLetterOrDigit(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}

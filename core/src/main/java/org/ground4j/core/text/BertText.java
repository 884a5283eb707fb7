package org.ground4j.core.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's text normalisation and pre-tokenisation written out in Java, so that a vocabulary is trained on
 * exactly the words that HuggingFace {@code tokenizers} will later see. It mirrors
 * {@code BertNormalizer(clean_text, handle_chinese_chars, strip_accents, lowercase)} followed by
 * {@code BertPreTokenizer}:
 * <ol>
 *   <li>drop NUL, U+FFFD and control/format/unassigned/private-use characters (tab, CR and LF excepted),
 *       turn every whitespace character into a space;</li>
 *   <li>put spaces around CJK ideographs;</li>
 *   <li>decompose (NFD) and drop non-spacing marks, so {@code "neumotórax"} becomes {@code "neumotorax"};</li>
 *   <li>lowercase each code point on its own (no context rules, as Rust's {@code char::to_lowercase});</li>
 *   <li>split on whitespace, and make each punctuation character (ASCII punctuation or Unicode P*) its
 *       own word.</li>
 * </ol>
 *
 * <pre>{@code
 * BertText.words("Derrame pleural, sin neumotórax.")   // [derrame, pleural, ",", sin, neumotorax, "."]
 * }</pre>
 */
public final class BertText {

    private BertText() {}

    /** The words of a sentence as BERT's normaliser and pre-tokenizer give them. */
    public static List<String> words(String sentence) {
        return preTokenize(normalize(sentence));
    }

    /** {@code BertNormalizer} with every option on. */
    public static String normalize(String text) {
        StringBuilder clean = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                clean.append(' ');
            } else if (isCjk(cp)) {
                clean.append(' ').appendCodePoint(cp).append(' ');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        String decomposed = Normalizer.normalize(clean, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed
                .codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                .forEach(cp -> {
                    if (cp < 0x80) {
                        out.append((char) Character.toLowerCase(cp));
                    } else {
                        out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
                    }
                });
        return out.toString();
    }

    /** {@code BertPreTokenizer}: whitespace separates words and is dropped; punctuation is a word alone. */
    public static List<String> preTokenize(String normalized) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        normalized.codePoints().forEach(cp -> {
            if (isWhitespace(cp) || isPunctuation(cp)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (!isWhitespace(cp)) {
                    words.add(new String(Character.toChars(cp)));
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Rust's {@code char::is_whitespace} (the Unicode White_Space property). */
    static boolean isWhitespace(int cp) {
        return cp == ' '
                || (cp >= 0x09 && cp <= 0x0D)
                || cp == 0x85
                || cp == 0xA0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    /** Unicode "Other" (Cc, Cf, Cs, Co, Cn), except tab, LF and CR, which count as whitespace. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    /** ASCII punctuation (which includes symbols such as {@code $ + < = > ^ ` | ~}) or Unicode P*. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks that BERT surrounds with spaces. */
    static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}

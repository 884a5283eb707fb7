package org.ground4j.core.data.weak;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentence tokens for the rule-based detectors: lower case, accents removed ("neumotórax" matches "neumotorax"),
 * words of letters and digits, and the clause punctuation {@code . ; : ! ?} and {@code ,} as tokens of their own.
 * Phrases of a lexicon are matched token by token, longest first.
 */
final class Tokens {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+|[.;:!?,]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Tokens() {}

    static List<String> of(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(plain);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether a token ends a clause: {@code . ; : ! ?} (not the comma, which separates list items). */
    static boolean isClauseEnd(String token) {
        return token.length() == 1 && ".;:!?".indexOf(token.charAt(0)) >= 0;
    }

    /** A set of phrases indexed by first token, each phrase a token array, longest first per first token. */
    static final class PhraseSet {
        private final Map<String, List<String[]>> byFirst = new HashMap<>();

        PhraseSet(Collection<String> phrases) {
            for (String p : phrases) {
                List<String> t = of(p);
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("empty phrase in lexicon: \"" + p + "\"");
                }
                byFirst.computeIfAbsent(t.get(0), k -> new ArrayList<>()).add(t.toArray(String[]::new));
            }
            byFirst.values().forEach(l -> l.sort((a, b) -> b.length - a.length));
        }

        /** Length in tokens of the longest phrase starting at {@code i}, or 0. */
        int matchAt(List<String> tokens, int i) {
            List<String[]> candidates = byFirst.get(tokens.get(i));
            if (candidates == null) {
                return 0;
            }
            for (String[] p : candidates) {
                if (i + p.length <= tokens.size() && matches(tokens, i, p)) {
                    return p.length;
                }
            }
            return 0;
        }

        private static boolean matches(List<String> tokens, int i, String[] p) {
            for (int k = 0; k < p.length; k++) {
                if (!tokens.get(i + k).equals(p[k])) {
                    return false;
                }
            }
            return true;
        }
    }
}

package org.ground4j.core.data.weak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the findings a report sentence names and decides which of them it denies — English and Spanish, by rules in
 * the spirit of NegEx (Chapman et al. 2001) that a person can read in {@link NegationCues} and
 * {@link FindingLexicon}:
 * <ul>
 *   <li>a <b>pre</b> cue ("no", "without", "sin", "no se observan") denies every finding after it up to the end of the
 *       clause ({@code . ; : ! ?}) or a terminator ("but", "pero", "se observa", "there is"); commas and "or", "and",
 *       "ni" do not end it, so "No pneumothorax or effusion." denies both;</li>
 *   <li>a <b>post</b> cue ("is not seen", "has resolved", "ausente") denies the findings up to eight tokens before
 *       it in the same clause;</li>
 *   <li>a cue followed by a change word denies the change, not the finding: "No change in the left effusion.",
 *       "Sin cambios en el derrame." leave the effusion asserted;</li>
 *   <li>uncertainty is not negation: "cannot be excluded", "no se puede descartar" never fire.</li>
 * </ul>
 * Matching ignores case and accents.
 *
 * <pre>{@code
 * SentenceAnalysis a = NegationDetector.STANDARD.analyse("No pneumothorax or effusion.");
 * a.verdict();            // NEGATED
 * a.negatedFindings();    // [pneumothorax, effusion]
 * }</pre>
 */
public final class NegationDetector {

    /** English and Spanish cues and findings. */
    public static final NegationDetector STANDARD = new NegationDetector();

    private final Tokens.PhraseSet findings;
    private final Map<String, String> canonical = new HashMap<>();
    private final Tokens.PhraseSet pre = new Tokens.PhraseSet(NegationCues.PRE);
    private final Tokens.PhraseSet post = new Tokens.PhraseSet(NegationCues.POST);
    private final Tokens.PhraseSet pseudo = new Tokens.PhraseSet(NegationCues.PSEUDO);
    private final Tokens.PhraseSet change = new Tokens.PhraseSet(NegationCues.CHANGE_WORDS);
    private final Tokens.PhraseSet modifiers = new Tokens.PhraseSet(NegationCues.CHANGE_MODIFIERS);
    private final Tokens.PhraseSet terminators = new Tokens.PhraseSet(NegationCues.TERMINATORS);
    private final Tokens.PhraseSet normal = new Tokens.PhraseSet(NegationCues.NORMAL);

    private NegationDetector() {
        List<String> forms = new ArrayList<>();
        FindingLexicon.TERMS.forEach((name, surface) -> surface.forEach(f -> {
            forms.add(f);
            canonical.put(String.join(" ", Tokens.of(f)), name);
        }));
        findings = new Tokens.PhraseSet(forms);
    }

    /** A cue found in the sentence: tokens {@code [start, end)}. */
    private record Cue(int start, int end, boolean isPost, int preLength) {}

    public SentenceAnalysis analyse(String sentence) {
        List<String> t = Tokens.of(sentence);
        int n = t.size();
        boolean[] inPseudo = new boolean[n];
        for (int i = 0; i < n; i++) {
            int len = pseudo.matchAt(t, i);
            for (int k = i; k < i + len; k++) {
                inPseudo[k] = true;
            }
        }
        int[] mentionAt = new int[n];
        java.util.Arrays.fill(mentionAt, -1);
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < n; ) {
            int len = findings.matchAt(t, i);
            if (len == 0) {
                i++;
                continue;
            }
            for (int k = i; k < i + len; k++) {
                mentionAt[k] = spans.size();
            }
            spans.add(new int[] {i, i + len});
            i += len;
        }
        boolean[] negated = new boolean[spans.size()];
        List<Cue> cues = cues(t, inPseudo, mentionAt);
        boolean[] inCue = new boolean[n];
        for (Cue c : cues) {
            for (int k = c.start; k < c.end; k++) {
                inCue[k] = true;
            }
        }
        boolean[] terminatorAt = new boolean[n];
        for (int i = 0; i < n; i++) {
            terminatorAt[i] = !inCue[i] && terminators.matchAt(t, i) > 0;
        }
        for (Cue c : cues) {
            boolean hit = false;
            if (c.isPost) {
                for (int j = c.start - 1, steps = 0; j >= 0 && steps < NegationCues.POST_WINDOW; j--, steps++) {
                    if (Tokens.isClauseEnd(t.get(j)) || terminatorAt[j] || (inCue[j] && mentionAt[j] < 0)) {
                        break;
                    }
                    if (mentionAt[j] >= 0) {
                        negated[mentionAt[j]] = true;
                        hit = true;
                    }
                }
            }
            if (!hit && c.preLength > 0) {
                for (int j = c.start + c.preLength; j < n; j++) {
                    if (Tokens.isClauseEnd(t.get(j)) || terminatorAt[j]) {
                        break;
                    }
                    if (mentionAt[j] >= 0) {
                        negated[mentionAt[j]] = true;
                    }
                }
            }
        }
        List<FindingMention> mentions = new ArrayList<>(spans.size());
        for (int m = 0; m < spans.size(); m++) {
            int[] s = spans.get(m);
            String text = String.join(" ", t.subList(s[0], s[1]));
            mentions.add(new FindingMention(canonical.get(text), text, s[0], s[1], negated[m]));
        }
        return new SentenceAnalysis(mentions, mentions.isEmpty() && statesNormality(t));
    }

    /**
     * Negation cues, left to right, longest match first, skipping pseudo-negations, cues inside a finding's words,
     * and cues that deny a change rather than a finding.
     */
    private List<Cue> cues(List<String> t, boolean[] inPseudo, int[] mentionAt) {
        List<Cue> out = new ArrayList<>();
        int n = t.size();
        for (int i = 0; i < n; ) {
            if (inPseudo[i] || mentionAt[i] >= 0) {
                i++;
                continue;
            }
            int preLen = pre.matchAt(t, i);
            int postLen = post.matchAt(t, i);
            if (preLen == 0 && postLen == 0) {
                i++;
                continue;
            }
            if (postLen >= preLen) {
                out.add(new Cue(i, i + postLen, true, preLen));
                i += postLen;
                continue;
            }
            int j = i + preLen;
            for (int k = 0; k < 2 && j < n && mentionAt[j] < 0 && modifiers.matchAt(t, j) > 0; k++) {
                j += modifiers.matchAt(t, j);
            }
            if (j < n && mentionAt[j] < 0 && change.matchAt(t, j) > 0) {
                i = j + change.matchAt(t, j);
                continue;
            }
            out.add(new Cue(i, i + preLen, false, preLen));
            i += preLen;
        }
        return out;
    }

    /** A normality word not directly preceded by "no"/"not" ("not normal" is no statement of normality). */
    private boolean statesNormality(List<String> t) {
        for (int i = 0; i < t.size(); i++) {
            if (normal.matchAt(t, i) > 0
                    && (i == 0 || !(t.get(i - 1).equals("not") || t.get(i - 1).equals("no")))) {
                return true;
            }
        }
        return false;
    }
}

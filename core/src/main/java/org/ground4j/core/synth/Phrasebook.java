package org.ground4j.core.synth;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Puts a {@link Statement} into words in one language, choosing among varied report-style templates.
 * One subclass per language; {@link #of(String)} picks it.
 */
abstract class Phrasebook {

    /** Millimetres per unit of the image's longer side, to state nodule sizes (a 35 cm detector). */
    private static final double MM_PER_LONG_SIDE = 350;

    /** The language code written to the samples ({@code "en"}, {@code "es"}). */
    abstract String lang();

    abstract String positive(Statement.Positive p, List<Finding> described, Anatomy anatomy, Random r);

    abstract String negation(Statement.Negation n, Random r);

    abstract String normal(Statement.NormalTopic topic, Random r);

    abstract String technique(Statement.TechniqueTopic topic, Random r);

    /**
     * The sentence for {@code s}, capitalised and ending with a full stop.
     *
     * @param described the findings {@code s} describes (empty for zero-box sentences)
     */
    final String sentence(Statement s, List<Finding> described, Anatomy anatomy, Random r) {
        String text;
        if (s instanceof Statement.Positive p) {
            text = positive(p, described, anatomy, r);
        } else if (s instanceof Statement.Negation n) {
            text = negation(n, r);
        } else if (s instanceof Statement.Normal n) {
            text = normal(n.topic(), r);
        } else {
            text = technique(((Statement.Technique) s).topic(), r);
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The phrasebook for a language code. */
    static Phrasebook of(String lang) {
        return switch (lang) {
            case "en" -> new EnglishPhrases();
            case "es" -> new SpanishPhrases();
            default -> throw new IllegalArgumentException("SynthCXR writes \"en\" or \"es\", not \"" + lang + "\"");
        };
    }

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    /** A nodule's diameter in millimetres, as a report would state it. */
    static long diameterMm(Finding nodule, Anatomy anatomy) {
        return Math.round(nodule.box().width() / anatomy.sx() * MM_PER_LONG_SIDE);
    }

    /** "a", "a or b", "a, b or c" with the given conjunction. */
    static String list(List<String> items, String conjunction) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " "
                + items.get(items.size() - 1);
    }

    /** Whether an effusion is small enough to be called small. */
    static boolean small(Finding effusion) {
        return effusion.box().height() < 0.1;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

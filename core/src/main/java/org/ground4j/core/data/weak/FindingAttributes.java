package org.ground4j.core.data.weak;

import java.util.List;
import org.ground4j.core.data.weak.SentenceAnalysis.Verdict;

/**
 * Reads Chest ImaGenome's finding attributes, strings {@code category|yes-or-no|name} such as
 * {@code anatomicalfinding|no|lung opacity} or {@code nlp|yes|normal}, into a sentence verdict: any finding
 * (a category other than {@code nlp}) with {@code yes} makes it {@link Verdict#AFFIRMED}; otherwise any with
 * {@code no} makes it {@link Verdict#NEGATED}; otherwise {@code nlp|yes|normal} makes it {@link Verdict#NORMAL}
 * and {@code nlp|yes|abnormal} {@link Verdict#AFFIRMED}. Strings of another shape are ignored.
 */
final class FindingAttributes {

    private FindingAttributes() {}

    /** The verdict the attributes give, or {@code null} when they give none. */
    static Verdict verdict(List<String> attributes) {
        boolean denied = false;
        boolean normal = false;
        boolean abnormal = false;
        for (String a : attributes) {
            String[] parts = a.split("\\|", 3);
            if (parts.length != 3) {
                continue;
            }
            String category = parts[0].trim();
            String polarity = parts[1].trim();
            String name = parts[2].trim();
            if (category.equals("nlp")) {
                normal |= polarity.equals("yes") && name.equals("normal");
                abnormal |= polarity.equals("yes") && name.equals("abnormal");
            } else if (polarity.equals("yes")) {
                return Verdict.AFFIRMED;
            } else if (polarity.equals("no")) {
                denied = true;
            }
        }
        if (denied) {
            return Verdict.NEGATED;
        }
        if (abnormal) {
            return Verdict.AFFIRMED;
        }
        return normal ? Verdict.NORMAL : null;
    }
}

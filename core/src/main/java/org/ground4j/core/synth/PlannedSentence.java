package org.ground4j.core.synth;

import java.util.List;
import java.util.Objects;
import org.ground4j.core.geometry.Box;

/**
 * One sentence of a phantom's report with its gold findings and its weak anatomy labels.
 *
 * @param statement   what the sentence says
 * @param text        the sentence
 * @param lang        {@code "en"} or {@code "es"}
 * @param findings    the findings the sentence describes (its gold boxes), empty for zero-box sentences
 * @param weakRegions the anatomy regions a Chest ImaGenome-like labeller would link to the sentence, noisy
 */
public record PlannedSentence(
        Statement statement, String text, String lang, List<Finding> findings, List<AnatomyRegion> weakRegions) {

    public PlannedSentence {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
        weakRegions = List.copyOf(weakRegions);
    }

    /** The gold boxes, one per described finding. */
    public List<Box> boxes() {
        return findings.stream().map(Finding::box).toList();
    }

    public Category category() {
        return statement.category();
    }
}

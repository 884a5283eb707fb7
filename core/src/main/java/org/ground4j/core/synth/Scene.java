package org.ground4j.core.synth;

import java.util.List;
import java.util.Objects;

/**
 * Everything planned for one phantom before a pixel is drawn: image size and bit depth, anatomy, findings
 * (mentioned and distractors) and the report sentences.
 *
 * @param index     image number within the run
 * @param width     pixels
 * @param height    pixels
 * @param bitDepth  8 or 16
 * @param anatomy   the anatomy
 * @param findings  every finding drawn on the image
 * @param sentences the report, in order
 */
public record Scene(
        int index,
        int width,
        int height,
        int bitDepth,
        Anatomy anatomy,
        List<Finding> findings,
        List<PlannedSentence> sentences) {

    public Scene {
        Objects.requireNonNull(anatomy, "anatomy");
        findings = List.copyOf(findings);
        sentences = List.copyOf(sentences);
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
    }

    /** {@code synth-000123}: the image's file stem and the prefix of its sample ids. */
    public String id() {
        return String.format("synth-%06d", index);
    }

    /** {@code synth-000123#2}: the id of sentence {@code i}. */
    public String sampleId(int i) {
        return id() + "#" + i;
    }

    /** Findings on the image that no sentence of the report describes. */
    public List<Finding> distractors() {
        return findings.stream()
                .filter(f -> sentences.stream().noneMatch(s -> s.statement().describes(f)))
                .toList();
    }
}

package org.ground4j.core.synth;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code category} of a SynthCXR sample: the finding a sentence grounds, or the kind of zero-box sentence
 * it is. {@link #placement()} sorts findings into the two groups that evaluation reports apart:
 * <ul>
 *   <li>{@link Placement#ANCHORED}: where the finding lies follows from the anatomy the sentence names
 *       (an effusion fills the costophrenic angle, a pneumothorax lines the apex, cardiomegaly is the heart);
 *       a model can ground it from the text and the anatomy alone;</li>
 *   <li>{@link Placement#FREE}: the finding can sit anywhere in the zone the sentence names (nodule, opacity,
 *       consolidation); only image evidence grounds it (DESIGN.md section 2, the paper's Table 5).</li>
 * </ul>
 * Zero-box categories have {@link Placement#NONE}.
 */
public enum Category {
    OPACITY("opacity", Placement.FREE),
    CONSOLIDATION("consolidation", Placement.FREE),
    NODULE("nodule", Placement.FREE),
    ATELECTASIS("atelectasis", Placement.ANCHORED),
    PLEURAL_EFFUSION("pleural effusion", Placement.ANCHORED),
    PNEUMOTHORAX("pneumothorax", Placement.ANCHORED),
    CARDIOMEGALY("cardiomegaly", Placement.ANCHORED),
    /** A negated finding: "No pneumothorax.", "Sin derrame pleural." */
    NEGATION("negation", Placement.NONE),
    /** Normal anatomy: "Normal heart size.", "Hilios de aspecto normal." */
    NORMAL("normal", Placement.NONE),
    /** Technique: "PA view.", "Proyección PA." */
    TECHNIQUE("technique", Placement.NONE);

    /** Whether a category's location follows from the anatomy named in the sentence. */
    public enum Placement {
        /** Location follows from the named anatomy. */
        ANCHORED,
        /** Can sit anywhere within the named zone; needs image evidence. */
        FREE,
        /** Not a finding: the sentence has no box. */
        NONE
    }

    private static final Map<String, Category> BY_LABEL =
            Arrays.stream(values()).collect(Collectors.toMap(Category::label, Function.identity()));

    private final String label;
    private final Placement placement;

    Category(String label, Placement placement) {
        this.label = label;
        this.placement = placement;
    }

    /** The string written to the {@code category} field of the JSON Lines samples. */
    public String label() {
        return label;
    }

    public Placement placement() {
        return placement;
    }

    /** Whether the category is a finding drawn on the image (as opposed to a zero-box sentence kind). */
    public boolean isFinding() {
        return placement != Placement.NONE;
    }

    /**
     * Findings a reader cannot tell apart by name alone share a family: a negated "consolidation" also denies
     * an "opacity", and a sentence about one must not have the other in the same place.
     */
    public Category family() {
        return this == CONSOLIDATION ? OPACITY : this;
    }

    /** The category written as {@code label}, e.g. {@code "pleural effusion"}. */
    public static Category ofLabel(String label) {
        Category c = BY_LABEL.get(label);
        if (c == null) {
            throw new IllegalArgumentException(
                    "unknown SynthCXR category \"" + label + "\", expected one of " + BY_LABEL.keySet());
        }
        return c;
    }
}

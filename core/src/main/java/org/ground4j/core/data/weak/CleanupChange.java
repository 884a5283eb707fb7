package org.ground4j.core.data.weak;

/** Every kind of change (or deliberate non-change) the weak-label cleanup makes, as the report names them. */
public enum CleanupChange {
    EMPTY_SENTENCE_DROPPED("sentences dropped because their text is empty"),
    NEGATED_BOXES_DROPPED("sentences whose findings are all negated: boxes dropped"),
    NORMAL_BOXES_DROPPED("normal statements naming no finding: boxes dropped"),
    DECIDED_BY_ATTRIBUTES("sentences judged by the source's finding attributes (not the text rules)"),
    ATTRIBUTES_DISAGREE_WITH_TEXT("sentences where the attributes and the text rules disagree (attributes used)"),
    DUPLICATE_REGION_DROPPED("boxes dropped because their region is named twice in the sentence"),
    PARENT_REGION_DROPPED("boxes dropped because a more specific region of the same sentence is present"),
    UNKNOWN_REGION_KEPT("boxes kept whose region is not in the anatomy hierarchy"),
    NO_REGION_NAMES("sentences with boxes but no region names: hierarchy not applied"),
    ZERO_BOX_KEPT("sentences that map to no region: kept as zero-box samples");

    private final String description;

    CleanupChange(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Lower-case key used in the JSON report, e.g. {@code "parent_region_dropped"}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

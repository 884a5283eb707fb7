package org.ground4j.core.data.weak;

import java.util.List;
import java.util.Objects;
import org.ground4j.core.data.Sample;

/**
 * A weakly labelled sentence for stage-1 pretraining: a {@link Sample} whose boxes are anatomical regions, with the
 * region name of each box and, when the source has them, the finding attributes the source's own NLP extracted.
 *
 * <p>On disk it is a line of the JSON Lines sample format with two extra fields (written by the Chest ImaGenome
 * reader and by SynthCXR's {@code weak.jsonl}):
 * {@code "regions": ["left lung", "left lower lung zone"]} — one name per box, in the order of {@code boxes} — and
 * {@code "attributes": ["anatomicalfinding|no|pneumothorax", ...]} (Chest ImaGenome's
 * {@code category|yes-or-no|name} strings).
 *
 * @param sample     the sentence and its boxes
 * @param regions    region name per box (same length as the boxes), or {@code null} when the source names none
 * @param attributes finding attributes, possibly empty, never null
 */
public record WeakSample(Sample sample, List<String> regions, List<String> attributes) {

    /** @throws IllegalArgumentException if regions are given but not one per box */
    public WeakSample {
        Objects.requireNonNull(sample, "sample");
        if (regions != null) {
            regions = List.copyOf(regions);
            if (regions.size() != sample.boxes().size()) {
                throw new IllegalArgumentException("sample " + sample.id() + " has "
                        + sample.boxes().size() + " boxes but " + regions.size() + " region names");
            }
        }
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A weak sample without attributes. */
    public static WeakSample of(Sample sample, List<String> regions) {
        return new WeakSample(sample, regions, List.of());
    }

    public String id() {
        return sample.id();
    }

    public boolean hasRegionNames() {
        return regions != null;
    }
}

package org.ground4j.eval;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ground4j.core.synth.Category;
import org.ground4j.core.synth.Category.Placement;

/**
 * The figures of the two SynthCXR placement groups ({@link Category#placement()}), each split into No, Single,
 * Multi and Overall like {@link GroupFigures}: <b>anchored</b> findings, whose place follows from the anatomy the
 * sentence names (effusion, pneumothorax, cardiomegaly, atelectasis), and <b>free</b>-position findings, which
 * can sit anywhere in the zone the sentence names (nodule, opacity, consolidation) and so need image evidence.
 * A sample belongs to a group by its gold {@code category}; samples without one, with a zero-box kind
 * ({@code negation}, {@code normal}, {@code technique}) or with a label SynthCXR does not know (other datasets)
 * are in neither group.
 *
 * <pre>{@code
 * PlacementFigures p = evaluation.byPlacement();
 * double free = p.free().overall().pAtF1();          // the figure image evidence has to carry
 * double anchoredSingle = p.get("anchored").single().pAtF1();
 * }</pre>
 *
 * @param anchored samples whose gold category is anatomy-anchored
 * @param free     samples whose gold category is free-position
 */
public record PlacementFigures(GroupFigures anchored, GroupFigures free) {

    /** The keys of metrics.json's {@code by_placement}, anchored first. */
    public static final String[] KEYS = {"anchored", "free"};

    /** Label -> placement of every SynthCXR finding; a map, so that unknown labels cost no exception. */
    private static final Map<String, Placement> PLACEMENTS = Arrays.stream(Category.values())
            .filter(Category::isFinding)
            .collect(Collectors.toMap(Category::label, Category::placement));

    /** @throws IllegalArgumentException if a group is missing */
    public PlacementFigures {
        if (anchored == null || free == null) {
            throw new IllegalArgumentException("placement figures need both groups (anchored, free)");
        }
    }

    /** Both groups without samples. */
    public static PlacementFigures empty() {
        GroupFigures none = new GroupFigures.Builder().build();
        return new PlacementFigures(none, none);
    }

    /** The figures under a metrics.json key: {@code anchored} or {@code free}. */
    public GroupFigures get(String key) {
        return switch (key) {
            case "anchored" -> anchored;
            case "free" -> free;
            default ->
                throw new IllegalArgumentException(
                        "unknown placement group \"" + key + "\": expected anchored or free");
        };
    }

    /**
     * The group of a gold category: {@link Placement#ANCHORED} or {@link Placement#FREE} for a SynthCXR finding
     * label, empty for {@code null}, a zero-box kind or any other label.
     */
    public static Optional<Placement> placementOf(String category) {
        return category == null ? Optional.empty() : Optional.ofNullable(PLACEMENTS.get(category));
    }

    /** Tallies outcomes into the two groups; used for the main figures and each threshold. */
    static final class Builder {
        private final GroupFigures.Builder anchored = new GroupFigures.Builder();
        private final GroupFigures.Builder free = new GroupFigures.Builder();

        /** Adds the outcome to its group; {@code null} (no group) adds nothing. */
        void add(Placement placement, SampleOutcome o) {
            if (placement == Placement.ANCHORED) {
                anchored.add(o);
            } else if (placement == Placement.FREE) {
                free.add(o);
            }
        }

        PlacementFigures build() {
            return new PlacementFigures(anchored.build(), free.build());
        }
    }

    /** The SynthCXR labels of one group in the generator's order, e.g. {@code "opacity, consolidation, nodule"}. */
    public static String labels(Placement placement) {
        return Arrays.stream(Category.values())
                .filter(c -> c.placement() == placement)
                .map(Category::label)
                .collect(Collectors.joining(", "));
    }
}

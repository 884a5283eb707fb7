package org.ground4j.eval;

import org.ground4j.core.data.Sample.Group;

/**
 * The figures of the paper's groups: No (|G| = 0), Single (|G| = 1), Multi (|G| >= 2) and Overall (all
 * samples), the columns of its Table 3.
 *
 * <pre>{@code
 * GroupFigures g = evaluation.groups();
 * double nAcc = g.no().nAcc();
 * double overall = g.overall().pAtF1();
 * Figures multi = g.get(Sample.Group.MULTI);
 * }</pre>
 *
 * @param no      samples without gold boxes
 * @param single  samples with one gold box
 * @param multi   samples with two or more gold boxes
 * @param overall all samples
 */
public record GroupFigures(Figures no, Figures single, Figures multi, Figures overall) {

    /** The keys of metrics.json, in the order of Table 3. */
    public static final String[] KEYS = {"no", "single", "multi", "overall"};

    /** @throws IllegalArgumentException if a group is missing or Overall does not count every sample */
    public GroupFigures {
        if (no == null || single == null || multi == null || overall == null) {
            throw new IllegalArgumentException("every group needs figures (no, single, multi, overall)");
        }
        if (no.n() + single.n() + multi.n() != overall.n()) {
            throw new IllegalArgumentException("overall n = " + overall.n() + " but the groups hold "
                    + (no.n() + single.n() + multi.n()) + " samples");
        }
    }

    /** The figures of one group. */
    public Figures get(Group group) {
        return switch (group) {
            case NO -> no;
            case SINGLE -> single;
            case MULTI -> multi;
        };
    }

    /** The figures under a metrics.json key: {@code no}, {@code single}, {@code multi} or {@code overall}. */
    public Figures get(String key) {
        return switch (key) {
            case "no" -> no;
            case "single" -> single;
            case "multi" -> multi;
            case "overall" -> overall;
            default ->
                throw new IllegalArgumentException(
                        "unknown group \"" + key + "\": expected no, single, multi or overall");
        };
    }

    /** Sorts outcomes into the four groups and tallies them; used for the main figures and each threshold. */
    static final class Builder {
        private final Tally[] byGroup = {new Tally(), new Tally(), new Tally()};
        private final Tally overall = new Tally();

        void add(SampleOutcome o) {
            byGroup[o.group().ordinal()].add(o);
            overall.add(o);
        }

        GroupFigures build() {
            return new GroupFigures(
                    byGroup[0].figures(), byGroup[1].figures(), byGroup[2].figures(), overall.figures());
        }
    }
}

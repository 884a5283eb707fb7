package org.ground4j.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.ground4j.core.geometry.Box;

/**
 * The findings and sentences of one phantom while they are being planned, and the rules that keep them
 * consistent: a sentence grounds to exactly the findings it describes, no finding contradicts a sentence,
 * lung findings do not overlap, and the report does not say the same thing twice.
 */
final class ReportDraft {

    private final Random random;
    private final FindingPlacer placer;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();

    ReportDraft(Anatomy anatomy, Random random) {
        this.random = random;
        this.placer = new FindingPlacer(anatomy, random);
    }

    /** Where one finding of a positive sentence goes; {@code zone} only for free-position findings. */
    record Spot(Category category, Side side, Zone zone) {}

    Random random() {
        return random;
    }

    List<Finding> findings() {
        return findings;
    }

    List<Statement> statements() {
        return statements;
    }

    void add(Statement s) {
        statements.add(s);
    }

    /**
     * Places a finding at each spot for {@code s}; succeeds only if no finding already on the image would also
     * be described by {@code s}, and no sentence so far describes or denies a new finding. On failure nothing
     * is kept.
     */
    Optional<Statement> placeAll(Statement s, List<Spot> spots) {
        if (findings.stream().anyMatch(s::describes)) {
            return Optional.empty();
        }
        int before = findings.size();
        for (Spot spot : spots) {
            Optional<Finding> f = place(spot);
            if (f.isEmpty()) {
                findings.subList(before, findings.size()).clear();
                return Optional.empty();
            }
            findings.add(f.get());
        }
        return Optional.of(s);
    }

    /** Adds a finding that no sentence describes or denies (a distractor); false if it found no place. */
    boolean addUnmentioned(Spot spot) {
        Optional<Finding> f = place(spot);
        f.ifPresent(findings::add);
        return f.isPresent();
    }

    /** Adds the enlarged heart as a finding, mentioned or not. */
    void addCardiomegaly() {
        placer.place(Category.CARDIOMEGALY, null, null, b -> true).ifPresent(findings::add);
    }

    /** Whether the report already says this: the same sentence, or a negation of an already negated finding. */
    boolean repeats(Statement s) {
        if (statements.contains(s)) {
            return true;
        }
        return s instanceof Statement.Negation n
                && statements.stream()
                        .anyMatch(o -> o instanceof Statement.Negation on
                                && on.denied().stream()
                                        .anyMatch(d -> n.denied().stream().anyMatch(e -> e.family() == d.family())));
    }

    /** Whether a finding on the image contradicts {@code s}. */
    boolean contradicts(Statement s) {
        return findings.stream().anyMatch(s::denies);
    }

    private Optional<Finding> place(Spot spot) {
        return placer.place(spot.category(), spot.side(), spot.zone(), this::clear)
                .filter(this::unclaimed);
    }

    /** Whether a box keeps clear of every lung finding already placed (cardiomegaly excepted). */
    private boolean clear(Box b) {
        Box grown = new Box(b.x1() - 0.01, b.y1() - 0.01, b.x2() + 0.01, b.y2() + 0.01);
        return findings.stream()
                .filter(f -> f.category() != Category.CARDIOMEGALY)
                .noneMatch(f -> f.box().intersectionArea(grown) > 0);
    }

    /** Whether no sentence planned so far describes or denies {@code f}. */
    private boolean unclaimed(Finding f) {
        return statements.stream().noneMatch(s -> s.describes(f) || s.denies(f));
    }

    Side randomSide() {
        return random.nextBoolean() ? Side.RIGHT : Side.LEFT;
    }

    Zone randomZone() {
        return pick(Zone.values());
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** An index drawn with probability proportional to {@code weights}. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}

package org.ground4j.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses sentences that state findings, and places their findings: one-box sentences ("Right lower zone
 * opacity.", "Cardiomegaly.") and several-box ones ("Bilateral pleural effusions.", "Multiple nodules in the
 * left lung.", "Bibasilar atelectasis.").
 */
final class PositiveSentences {

    private static final int ATTEMPTS = 30;

    private static final Category[] SINGLE = {
        Category.NODULE,
        Category.OPACITY,
        Category.CONSOLIDATION,
        Category.PLEURAL_EFFUSION,
        Category.PNEUMOTHORAX,
        Category.ATELECTASIS,
        Category.CARDIOMEGALY
    };
    /** Cardiomegaly needs an enlarged heart (a fifth of the phantoms); a sentence names it 40 % of the time. */
    private static final double[] SINGLE_WEIGHTS = {0.2, 0.16, 0.14, 0.18, 0.12, 0.1, 0.1};

    private enum Multi {
        BILATERAL_EFFUSION,
        NODULES_ONE_LUNG,
        NODULES_BILATERAL,
        OPACITIES_BILATERAL,
        OPACITIES_ONE_LUNG,
        CONSOLIDATION_BILATERAL,
        ATELECTASIS_BIBASAL,
        PNEUMOTHORAX_BILATERAL
    }

    private static final double[] MULTI_WEIGHTS = {0.28, 0.22, 0.1, 0.14, 0.06, 0.06, 0.12, 0.02};

    private PositiveSentences() {}

    /** A sentence with its findings placed in {@code draft}, or empty after {@value #ATTEMPTS} failed tries. */
    static Optional<Statement> choose(ReportDraft draft, boolean several) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Statement> s = several ? multi(draft) : single(draft);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    private static Optional<Statement> single(ReportDraft d) {
        Category c = SINGLE[d.weighted(SINGLE_WEIGHTS)];
        boolean enlargedHeart = d.findings().stream().anyMatch(f -> f.category() == Category.CARDIOMEGALY);
        if (enlargedHeart && d.random().nextDouble() < 0.4) {
            c = Category.CARDIOMEGALY;
        }
        if (c == Category.CARDIOMEGALY) {
            Statement s = new Statement.Positive(c, null, null, false);
            boolean fresh = d.findings().stream().anyMatch(s::describes)
                    && d.statements().stream().noneMatch(o -> o.category() == Category.CARDIOMEGALY);
            return fresh ? Optional.of(s) : Optional.empty();
        }
        Side side = d.randomSide();
        boolean free = c.placement() == Category.Placement.FREE;
        Zone zone = free ? d.randomZone() : null;
        Side named = d.random().nextDouble() < 0.93 ? side : null;
        Zone namedZone = free && named != null && d.random().nextDouble() < 0.8 ? zone : null;
        return d.placeAll(
                new Statement.Positive(c, named, namedZone, false), List.of(new ReportDraft.Spot(c, side, zone)));
    }

    private static Optional<Statement> multi(ReportDraft d) {
        Multi kind = Multi.values()[d.weighted(MULTI_WEIGHTS)];
        List<ReportDraft.Spot> spots = new ArrayList<>();
        Statement.Positive s;
        switch (kind) {
            case BILATERAL_EFFUSION, ATELECTASIS_BIBASAL, PNEUMOTHORAX_BILATERAL -> {
                Category c = kind == Multi.BILATERAL_EFFUSION
                        ? Category.PLEURAL_EFFUSION
                        : kind == Multi.ATELECTASIS_BIBASAL ? Category.ATELECTASIS : Category.PNEUMOTHORAX;
                s = new Statement.Positive(c, null, null, true);
                spots.add(new ReportDraft.Spot(c, Side.RIGHT, null));
                spots.add(new ReportDraft.Spot(c, Side.LEFT, null));
            }
            case NODULES_ONE_LUNG -> {
                Side side = d.randomSide();
                Zone zone = d.random().nextDouble() < 0.3 ? d.randomZone() : null;
                int n = 2 + d.random().nextInt(zone != null ? 2 : 3);
                s = new Statement.Positive(Category.NODULE, side, zone, true);
                for (int i = 0; i < n; i++) {
                    spots.add(new ReportDraft.Spot(Category.NODULE, side, zone != null ? zone : d.randomZone()));
                }
            }
            case NODULES_BILATERAL -> {
                s = new Statement.Positive(Category.NODULE, null, null, true);
                int n = 2 + d.random().nextInt(3);
                for (int i = 0; i < n; i++) {
                    Side side = i < 2 ? Side.values()[i] : d.randomSide();
                    spots.add(new ReportDraft.Spot(Category.NODULE, side, d.randomZone()));
                }
            }
            case OPACITIES_BILATERAL, CONSOLIDATION_BILATERAL -> {
                Category c = kind == Multi.OPACITIES_BILATERAL ? Category.OPACITY : Category.CONSOLIDATION;
                Zone zone = d.random().nextDouble() < 0.6
                        ? (d.random().nextDouble() < 0.6 ? Zone.LOWER : d.randomZone())
                        : null;
                s = new Statement.Positive(c, null, zone, true);
                for (Side side : Side.values()) {
                    spots.add(new ReportDraft.Spot(c, side, zone != null ? zone : d.randomZone()));
                }
            }
            case OPACITIES_ONE_LUNG -> {
                Side side = d.randomSide();
                s = new Statement.Positive(Category.OPACITY, side, null, true);
                List<Zone> zones = new ArrayList<>(List.of(Zone.values()));
                zones.remove(d.random().nextInt(zones.size()));
                for (Zone z : zones) {
                    spots.add(new ReportDraft.Spot(Category.OPACITY, side, z));
                }
            }
            default -> throw new IllegalStateException("unhandled " + kind);
        }
        return d.placeAll(s, spots);
    }
}

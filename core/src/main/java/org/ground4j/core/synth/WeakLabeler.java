package org.ground4j.core.synth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Links a sentence to anatomy regions the way Chest ImaGenome's automatic pipeline does, noise included, to
 * give stage 1 (DESIGN.md section 3) weak labels and the weak-label cleanup real work:
 * <ul>
 *   <li>a finding is linked to its specific region and, with probability {@value #PARENT}, to the parent
 *       region as well ("right lower lung zone" and "right lung");</li>
 *   <li>a basal finding sometimes also drags in the hemidiaphragm under it ({@value #NEIGHBOUR});</li>
 *   <li>a negated sentence keeps the regions it names with probability {@value #NEGATED_LINKED}
 *       ("No left pleural effusion." -> "left costophrenic angle");</li>
 *   <li>normal-anatomy sentences are linked to the anatomy they talk about ("Normal heart size." ->
 *       "cardiac silhouette"); technique sentences to nothing.</li>
 * </ul>
 */
final class WeakLabeler {

    static final double PARENT = 0.6;
    static final double NEIGHBOUR = 0.2;
    static final double NEGATED_LINKED = 0.7;

    private WeakLabeler() {}

    /** The regions of {@code s}, most specific first, without repeats. */
    static List<AnatomyRegion> regions(Statement s, List<Finding> described, Random r) {
        Set<AnatomyRegion> out = new LinkedHashSet<>();
        if (s instanceof Statement.Positive) {
            for (Finding f : described) {
                out.addAll(specific(f, r));
            }
        } else if (s instanceof Statement.Negation n && r.nextDouble() < NEGATED_LINKED) {
            for (Category c : n.denied()) {
                List<Side> sides = n.side() != null ? List.of(n.side()) : List.of(Side.RIGHT, Side.LEFT);
                for (Side side : sides) {
                    out.add(negatedRegion(c, side));
                }
            }
        } else if (s instanceof Statement.Normal normal) {
            out.addAll(normalRegions(normal.topic(), r));
        }
        List<AnatomyRegion> parents = new ArrayList<>();
        for (AnatomyRegion region : out) {
            if (region.parent() != null && r.nextDouble() < PARENT) {
                parents.add(region.parent());
            }
        }
        out.addAll(parents);
        return List.copyOf(out);
    }

    private static List<AnatomyRegion> specific(Finding f, Random r) {
        List<AnatomyRegion> out = new ArrayList<>();
        switch (f.category()) {
            case PLEURAL_EFFUSION -> {
                out.add(r.nextDouble() < 0.6 ? AnatomyRegion.costophrenicAngle(f.side()) : f.region());
                if (r.nextDouble() < NEIGHBOUR) {
                    out.add(AnatomyRegion.hemidiaphragm(f.side()));
                }
            }
            case ATELECTASIS -> {
                out.add(f.region());
                if (r.nextDouble() < NEIGHBOUR) {
                    out.add(AnatomyRegion.hemidiaphragm(f.side()));
                }
            }
            case PNEUMOTHORAX -> {
                out.add(f.region());
                if (f.zone() == Zone.UPPER && r.nextDouble() < 0.4) {
                    out.add(AnatomyRegion.apicalZone(f.side()));
                }
            }
            default -> out.add(f.region());
        }
        return out;
    }

    private static AnatomyRegion negatedRegion(Category c, Side side) {
        return switch (c) {
            case PLEURAL_EFFUSION -> AnatomyRegion.costophrenicAngle(side);
            case ATELECTASIS -> AnatomyRegion.zone(side, Zone.LOWER);
            case CARDIOMEGALY -> AnatomyRegion.CARDIAC_SILHOUETTE;
            default -> AnatomyRegion.lung(side);
        };
    }

    private static List<AnatomyRegion> normalRegions(Statement.NormalTopic topic, Random r) {
        return switch (topic) {
            case HEART_SIZE -> List.of(AnatomyRegion.CARDIAC_SILHOUETTE);
            case MEDIASTINUM ->
                r.nextBoolean() ? List.of(AnatomyRegion.UPPER_MEDIASTINUM) : List.of(AnatomyRegion.MEDIASTINUM);
            case HILA -> List.of(AnatomyRegion.RIGHT_HILAR_STRUCTURES, AnatomyRegion.LEFT_HILAR_STRUCTURES);
            case LUNGS_CLEAR -> List.of(AnatomyRegion.RIGHT_LUNG, AnatomyRegion.LEFT_LUNG);
            case COSTOPHRENIC_ANGLES ->
                List.of(AnatomyRegion.RIGHT_COSTOPHRENIC_ANGLE, AnatomyRegion.LEFT_COSTOPHRENIC_ANGLE);
            case BONES ->
                r.nextBoolean()
                        ? List.of(AnatomyRegion.RIGHT_CLAVICLE, AnatomyRegion.LEFT_CLAVICLE, AnatomyRegion.SPINE)
                        : List.of();
        };
    }
}

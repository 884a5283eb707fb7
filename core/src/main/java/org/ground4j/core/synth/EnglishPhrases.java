package org.ground4j.core.synth;

import static org.ground4j.core.synth.Phrasebook.pick;

import java.util.List;
import java.util.Random;

/** English report sentences. */
final class EnglishPhrases extends Phrasebook {

    @Override
    String lang() {
        return "en";
    }

    @Override
    String positive(Statement.Positive p, List<Finding> described, Anatomy anatomy, Random r) {
        Side side = p.side();
        Zone zone = p.zone();
        String s = side == null ? null : side.word();
        Finding first = described.get(0);
        switch (p.finding()) {
            case NODULE -> {
                if (p.bilateral()) {
                    return pick(
                            r,
                            "multiple bilateral pulmonary nodules.",
                            "bilateral pulmonary nodules, suspicious for metastases.",
                            "numerous nodules in both lungs.");
                }
                if (p.several()) {
                    return zone != null
                            ? pick(
                                    r,
                                    "multiple nodules in " + where(side, zone, r) + ".",
                                    "several nodules in " + where(side, zone, r) + ".")
                            : pick(
                                    r,
                                    "multiple nodules in the " + s + " lung.",
                                    "several pulmonary nodules in the " + s + " lung.",
                                    "multiple " + s + " lung nodules.");
                }
                long mm = diameterMm(first, anatomy);
                if (side == null) {
                    return pick(r, "solitary pulmonary nodule.", "pulmonary nodule measuring " + mm + " mm.");
                }
                String w = where(side, zone, r);
                return pick(
                        r,
                        mm + " mm nodule in " + w + ".",
                        "a pulmonary nodule measuring " + mm + " mm projects over " + w + ".",
                        "small nodule in " + w + ".",
                        "rounded nodular opacity in " + w + ".",
                        adjective(side, zone, r) + " nodule.");
            }
            case OPACITY, CONSOLIDATION -> {
                boolean opacity = p.finding() == Category.OPACITY;
                String noun = opacity ? "opacity" : "consolidation";
                if (p.bilateral()) {
                    String plural = opacity ? "opacities" : "consolidation";
                    return zone != null
                            ? pick(
                                    r,
                                    "bilateral " + zone.word() + " zone " + plural + ".",
                                    "patchy " + plural + " in both " + bothZones(zone) + ".")
                            : pick(
                                    r,
                                    "bilateral patchy " + plural + ".",
                                    "bilateral airspace " + plural + ".",
                                    "patchy " + plural + " in both lungs.");
                }
                if (p.several()) {
                    String plural = opacity ? "opacities" : "consolidation";
                    return pick(
                            r,
                            "multifocal " + plural + " in the " + s + " lung.",
                            "patchy " + plural + " throughout the " + s + " lung.");
                }
                if (side == null) {
                    return opacity
                            ? pick(
                                    r,
                                    "focal opacity.",
                                    "patchy airspace opacity.",
                                    "there is a focal area of increased opacity.")
                            : pick(r, "focal consolidation.", "airspace consolidation, likely pneumonia.");
                }
                String w = where(side, zone, r);
                String adjectival = adjective(side, zone, r) + " " + noun + ".";
                return opacity
                        ? pick(
                                r,
                                "opacity in " + w + ".",
                                "patchy opacity in " + w + ".",
                                "hazy opacity projecting over " + w + ".",
                                "there is an ill-defined opacity in " + w + ".",
                                adjectival)
                        : pick(
                                r,
                                "consolidation in " + w + ".",
                                "focal consolidation in " + w + ", consistent with pneumonia.",
                                "airspace consolidation in " + w + ".",
                                adjectival);
            }
            case PLEURAL_EFFUSION -> {
                boolean small = described.stream().allMatch(Phrasebook::small);
                String size = small ? "small" : "moderate";
                if (p.bilateral()) {
                    return pick(
                            r,
                            "bilateral pleural effusions.",
                            size + " bilateral pleural effusions.",
                            "pleural effusions on both sides.",
                            "bilateral effusions.");
                }
                if (side == null) {
                    return size + " pleural effusion.";
                }
                return pick(
                        r,
                        size + " " + s + " pleural effusion.",
                        s + " pleural effusion.",
                        "there is a " + size + " " + s + "-sided pleural effusion.",
                        s + " effusion.",
                        small
                                ? "blunting of the " + s + " costophrenic angle, consistent with a small effusion."
                                : "moderate " + s + " pleural effusion with a meniscus.");
            }
            case PNEUMOTHORAX -> {
                if (p.bilateral()) {
                    return pick(r, "bilateral pneumothoraces.", "bilateral apical pneumothoraces.");
                }
                boolean apical = first.zone() == Zone.UPPER;
                if (side == null) {
                    return apical ? "small apical pneumothorax." : "pneumothorax.";
                }
                return apical
                        ? pick(
                                r,
                                s + " apical pneumothorax.",
                                "small " + s + " apical pneumothorax.",
                                "there is a small " + s + " apical pneumothorax.")
                        : pick(
                                r,
                                s + " pneumothorax.",
                                "moderate " + s + " pneumothorax with a visible pleural line.",
                                "large " + s + "-sided pneumothorax.");
            }
            case CARDIOMEGALY -> {
                return pick(
                        r,
                        "cardiomegaly.",
                        "the heart is enlarged.",
                        "enlarged cardiac silhouette.",
                        "moderate cardiomegaly.",
                        "the cardiac silhouette is enlarged.");
            }
            case ATELECTASIS -> {
                if (p.bilateral()) {
                    return pick(
                            r,
                            "bibasilar atelectasis.",
                            "bilateral basal plate-like atelectasis.",
                            "linear atelectasis at both lung bases.");
                }
                if (side == null) {
                    return "basal plate-like atelectasis.";
                }
                return pick(
                        r,
                        s + " basal atelectasis.",
                        "plate-like atelectasis at the " + s + " base.",
                        "linear atelectasis in the " + s + " lower zone.",
                        "subsegmental atelectasis at the " + s + " lung base.");
            }
            default -> throw new IllegalArgumentException(p.finding() + " is not a finding");
        }
    }

    @Override
    String negation(Statement.Negation n, Random r) {
        List<String> nouns = n.denied().stream().map(c -> noun(c, n.side(), r)).toList();
        String l = list(nouns, "or");
        return pick(
                r, "no " + l + ".", "there is no " + l + ".", "no evidence of " + l + ".", "no " + l + " identified.");
    }

    @Override
    String normal(Statement.NormalTopic topic, Random r) {
        return switch (topic) {
            case HEART_SIZE ->
                pick(r, "normal heart size.", "the heart size is normal.", "cardiac silhouette within normal limits.");
            case MEDIASTINUM ->
                pick(
                        r,
                        "the mediastinum is not widened.",
                        "normal mediastinal contours.",
                        "the mediastinal silhouette is unremarkable.");
            case HILA -> pick(r, "the hila are normal.", "normal hilar structures.");
            case LUNGS_CLEAR -> pick(r, "the lungs are clear.", "clear lungs.", "no active lung disease.");
            case COSTOPHRENIC_ANGLES -> pick(r, "the costophrenic angles are sharp.", "costophrenic angles are clear.");
            case BONES -> pick(r, "no acute osseous abnormality.", "the visualised bones are unremarkable.");
        };
    }

    @Override
    String technique(Statement.TechniqueTopic topic, Random r) {
        return switch (topic) {
            case PA -> pick(r, "PA view.", "PA chest radiograph.", "frontal PA projection.");
            case AP -> pick(r, "AP view.", "AP portable chest radiograph.");
            case PA_AND_LATERAL -> pick(r, "PA and lateral views of the chest.", "PA and lateral chest radiograph.");
            case INSPIRATION -> pick(r, "adequate inspiration.", "good inspiratory effort.");
            case COMPARISON -> pick(r, "no prior studies for comparison.", "comparison is made with the prior study.");
        };
    }

    private static String noun(Category c, Side side, Random r) {
        if (side != null) {
            String s = side.word();
            return switch (c) {
                case PLEURAL_EFFUSION -> s + " pleural effusion";
                case PNEUMOTHORAX -> s + " pneumothorax";
                case OPACITY -> "opacity in the " + s + " lung";
                case CONSOLIDATION -> "consolidation in the " + s + " lung";
                case NODULE -> "nodules in the " + s + " lung";
                case ATELECTASIS -> s + " basal atelectasis";
                default -> throw new IllegalArgumentException("no sided negation for " + c);
            };
        }
        return switch (c) {
            case OPACITY -> pick(r, "focal opacity", "airspace opacity");
            case CONSOLIDATION -> pick(r, "focal consolidation", "consolidation");
            case NODULE -> pick(r, "pulmonary nodules", "suspicious nodules");
            default -> c.label();
        };
    }

    /** "the right upper zone", "the left lung base", "the lingula", "the right lung". */
    private static String where(Side side, Zone zone, Random r) {
        String s = side.word();
        if (zone == null) {
            return pick(r, "the " + s + " lung", "the " + s + " hemithorax");
        }
        return switch (zone) {
            case UPPER ->
                pick(r, "the " + s + " upper zone", "the " + s + " upper lung zone", "the " + s + " upper lobe");
            case MID ->
                pick(
                        r,
                        "the " + s + " mid zone",
                        "the " + s + " mid lung zone",
                        side == Side.RIGHT ? "the right middle lobe" : "the lingula");
            case LOWER -> pick(r, "the " + s + " lower zone", "the " + s + " lung base", "the " + s + " lower lobe");
        };
    }

    /** "right upper zone", "left lower lobe", "lingular", "right lung". */
    private static String adjective(Side side, Zone zone, Random r) {
        String s = side.word();
        if (zone == null) {
            return s + " lung";
        }
        return switch (zone) {
            case UPPER -> pick(r, s + " upper zone", s + " upper lobe");
            case MID -> pick(r, s + " mid zone", side == Side.RIGHT ? "right middle lobe" : "lingular");
            case LOWER -> pick(r, s + " lower zone", s + " lower lobe", s + " basal");
        };
    }

    private static String bothZones(Zone zone) {
        return switch (zone) {
            case UPPER -> "upper zones";
            case MID -> "mid zones";
            case LOWER -> "lung bases";
        };
    }
}

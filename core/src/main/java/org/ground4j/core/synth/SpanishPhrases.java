package org.ground4j.core.synth;

import static org.ground4j.core.synth.Phrasebook.pick;

import java.util.List;
import java.util.Random;

/** Spanish report sentences, in the style of PadChest reports. */
final class SpanishPhrases extends Phrasebook {

    @Override
    String lang() {
        return "es";
    }

    @Override
    String positive(Statement.Positive p, List<Finding> described, Anatomy anatomy, Random r) {
        Side side = p.side();
        Zone zone = p.zone();
        Finding first = described.get(0);
        switch (p.finding()) {
            case NODULE -> {
                if (p.bilateral()) {
                    return pick(
                            r,
                            "múltiples nódulos pulmonares bilaterales.",
                            "nódulos pulmonares bilaterales, sugestivos de metástasis.",
                            "nódulos en ambos pulmones.");
                }
                if (p.several()) {
                    return zone != null
                            ? pick(
                                    r,
                                    "múltiples nódulos en " + where(side, zone, r) + ".",
                                    "varios nódulos en " + where(side, zone, r) + ".")
                            : pick(
                                    r,
                                    "múltiples nódulos en el pulmón " + masc(side) + ".",
                                    "varios nódulos pulmonares en el pulmón " + masc(side) + ".");
                }
                long mm = diameterMm(first, anatomy);
                if (side == null) {
                    return pick(r, "nódulo pulmonar solitario.", "nódulo pulmonar de " + mm + " mm.");
                }
                String w = where(side, zone, r);
                return pick(
                        r,
                        "nódulo de " + mm + " mm en " + w + ".",
                        "nódulo pulmonar en " + w + ".",
                        "pequeño nódulo en " + w + ".",
                        "se observa un nódulo de " + mm + " mm en " + w + ".");
            }
            case OPACITY -> {
                if (p.bilateral()) {
                    return zone != null
                            ? pick(
                                    r,
                                    "opacidades bilaterales en " + bothZones(zone) + ".",
                                    "opacidades parcheadas en " + bothZones(zone) + ".")
                            : pick(r, "opacidades parcheadas bilaterales.", "opacidades bilaterales de espacio aéreo.");
                }
                if (p.several()) {
                    return "opacidades multifocales en el pulmón " + masc(side) + ".";
                }
                if (side == null) {
                    return pick(r, "opacidad focal.", "opacidad parcheada de espacio aéreo.");
                }
                String w = where(side, zone, r);
                return pick(
                        r,
                        "opacidad en " + w + ".",
                        "opacidad parcheada en " + w + ".",
                        "aumento de densidad en " + w + ".",
                        "opacidad mal definida en " + w + ".");
            }
            case CONSOLIDATION -> {
                if (p.bilateral()) {
                    return zone != null
                            ? pick(
                                    r,
                                    "condensaciones en " + bothZones(zone) + ".",
                                    "consolidaciones bilaterales en " + bothZones(zone) + ".")
                            : pick(r, "consolidaciones bilaterales.", "condensaciones bilaterales de espacio aéreo.");
                }
                if (p.several()) {
                    return "consolidaciones multifocales en el pulmón " + masc(side) + ".";
                }
                if (side == null) {
                    return pick(r, "consolidación focal.", "condensación de espacio aéreo.");
                }
                String w = where(side, zone, r);
                return pick(
                        r,
                        "consolidación en " + w + ".",
                        "condensación en " + w + ", compatible con neumonía.",
                        "foco de consolidación en " + w + ".");
            }
            case PLEURAL_EFFUSION -> {
                boolean small = described.stream().allMatch(Phrasebook::small);
                if (p.bilateral()) {
                    return pick(
                            r,
                            "derrame pleural bilateral.",
                            "derrames pleurales bilaterales.",
                            small
                                    ? "pequeño derrame pleural bilateral."
                                    : "derrame pleural bilateral de cuantía moderada.");
                }
                if (side == null) {
                    return small ? "pequeño derrame pleural." : "derrame pleural.";
                }
                String s = masc(side);
                return pick(
                        r,
                        "derrame pleural " + s + ".",
                        small ? "pequeño derrame pleural " + s + "." : "derrame pleural " + s + " de cuantía moderada.",
                        small
                                ? "pinzamiento del seno costofrénico " + s + " por derrame pleural."
                                : "derrame pleural " + s + " con menisco.");
            }
            case PNEUMOTHORAX -> {
                if (p.bilateral()) {
                    return "neumotórax bilateral.";
                }
                boolean apical = first.zone() == Zone.UPPER;
                if (side == null) {
                    return apical ? "pequeño neumotórax apical." : "neumotórax.";
                }
                String s = masc(side);
                return apical
                        ? pick(r, "neumotórax apical " + s + ".", "pequeño neumotórax apical " + s + ".")
                        : pick(
                                r,
                                "neumotórax " + s + ".",
                                "neumotórax " + s + " con línea pleural visible.",
                                "se observa un neumotórax " + s + ".");
            }
            case CARDIOMEGALY -> {
                return pick(
                        r,
                        "cardiomegalia.",
                        "aumento del índice cardiotorácico.",
                        "silueta cardiaca aumentada de tamaño.",
                        "cardiomegalia moderada.");
            }
            case ATELECTASIS -> {
                if (p.bilateral()) {
                    return pick(r, "atelectasias laminares bibasales.", "atelectasias subsegmentarias en ambas bases.");
                }
                if (side == null) {
                    return "atelectasia laminar basal.";
                }
                String s = fem(side);
                return pick(
                        r,
                        "atelectasia laminar en la base " + s + ".",
                        "atelectasia basal " + s + ".",
                        "atelectasia subsegmentaria en la base " + s + ".");
            }
            default -> throw new IllegalArgumentException(p.finding() + " is not a finding");
        }
    }

    @Override
    String negation(Statement.Negation n, Random r) {
        List<String> nouns = n.denied().stream().map(c -> noun(c, n.side(), r)).toList();
        String l = list(nouns, "ni");
        return pick(
                r,
                "sin " + l + ".",
                "no hay " + l + ".",
                "sin signos de " + l + ".",
                "no se identifican signos de " + l + ".");
    }

    @Override
    String normal(Statement.NormalTopic topic, Random r) {
        return switch (topic) {
            case HEART_SIZE ->
                pick(
                        r,
                        "índice cardiotorácico normal.",
                        "silueta cardiaca de tamaño normal.",
                        "corazón de tamaño normal.");
            case MEDIASTINUM -> pick(r, "mediastino de morfología normal.", "mediastino sin ensanchamiento.");
            case HILA -> pick(r, "hilios de aspecto normal.", "hilios pulmonares sin alteraciones.");
            case LUNGS_CLEAR -> pick(r, "campos pulmonares sin alteraciones.", "parénquima pulmonar sin hallazgos.");
            case COSTOPHRENIC_ANGLES -> pick(r, "senos costofrénicos libres.", "ángulos costofrénicos bien definidos.");
            case BONES -> pick(r, "estructuras óseas sin alteraciones.", "sin lesiones óseas agudas.");
        };
    }

    @Override
    String technique(Statement.TechniqueTopic topic, Random r) {
        return switch (topic) {
            case PA -> pick(r, "proyección PA.", "radiografía de tórax PA.");
            case AP -> pick(r, "proyección AP.", "radiografía de tórax AP portátil.");
            case PA_AND_LATERAL -> pick(r, "radiografía de tórax PA y lateral.", "proyecciones PA y lateral.");
            case INSPIRATION -> pick(r, "inspiración adecuada.", "buena inspiración.");
            case COMPARISON -> pick(r, "sin estudios previos para comparar.", "se compara con el estudio previo.");
        };
    }

    private static String noun(Category c, Side side, Random r) {
        if (side != null) {
            return switch (c) {
                case PLEURAL_EFFUSION -> "derrame pleural " + masc(side);
                case PNEUMOTHORAX -> "neumotórax " + masc(side);
                case OPACITY -> "opacidades en el pulmón " + masc(side);
                case CONSOLIDATION -> "condensaciones en el pulmón " + masc(side);
                case NODULE -> "nódulos en el pulmón " + masc(side);
                case ATELECTASIS -> "atelectasias en la base " + fem(side);
                default -> throw new IllegalArgumentException("no sided negation for " + c);
            };
        }
        return switch (c) {
            case OPACITY -> "opacidades";
            case CONSOLIDATION -> pick(r, "condensaciones", "consolidaciones");
            case NODULE -> "nódulos pulmonares";
            case ATELECTASIS -> "atelectasias";
            case PLEURAL_EFFUSION -> "derrame pleural";
            case PNEUMOTHORAX -> "neumotórax";
            case CARDIOMEGALY -> "cardiomegalia";
            default -> throw new IllegalArgumentException(c + " is not a finding");
        };
    }

    /** "el campo superior derecho", "la base izquierda", "la língula", "el pulmón derecho". */
    private static String where(Side side, Zone zone, Random r) {
        if (zone == null) {
            return pick(r, "el pulmón " + masc(side), "el hemitórax " + masc(side));
        }
        return switch (zone) {
            case UPPER ->
                pick(
                        r,
                        "el campo superior " + masc(side),
                        "el lóbulo superior " + masc(side),
                        "el campo pulmonar superior " + masc(side));
            case MID -> pick(r, "el campo medio " + masc(side), side == Side.RIGHT ? "el lóbulo medio" : "la língula");
            case LOWER ->
                pick(r, "el campo inferior " + masc(side), "la base " + fem(side), "el lóbulo inferior " + masc(side));
        };
    }

    private static String bothZones(Zone zone) {
        return switch (zone) {
            case UPPER -> "ambos campos superiores";
            case MID -> "ambos campos medios";
            case LOWER -> "ambas bases";
        };
    }

    private static String masc(Side side) {
        return side == Side.RIGHT ? "derecho" : "izquierdo";
    }

    private static String fem(Side side) {
        return side == Side.RIGHT ? "derecha" : "izquierda";
    }
}

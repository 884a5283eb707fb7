package org.ground4j.core.data.weak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that name a finding in English and Spanish report sentences, each mapped to one canonical English
 * name ("derrame" and "effusions" are both {@code effusion}). Written without accents: sentences are compared
 * after accents are removed. A finding mention is what the negation detector decides about.
 */
final class FindingLexicon {

    /** canonical name -> surface forms (EN and ES). */
    static final Map<String, List<String>> TERMS = new LinkedHashMap<>();

    static {
        add("effusion", "effusion", "effusions", "pleural fluid", "derrame", "derrames", "liquido pleural");
        add("pneumothorax", "pneumothorax", "pneumothoraces", "neumotorax");
        add(
                "opacity",
                "opacity",
                "opacities",
                "opacification",
                "opacifications",
                "airspace disease",
                "air space disease",
                "density",
                "densities",
                "haziness",
                "opacidad",
                "opacidades",
                "aumento de densidad",
                "aumentos de densidad",
                "veladura");
        add(
                "consolidation",
                "consolidation",
                "consolidations",
                "consolidacion",
                "consolidaciones",
                "condensacion",
                "condensaciones");
        add("infiltrate", "infiltrate", "infiltrates", "infiltration", "infiltrado", "infiltrados");
        add(
                "atelectasis",
                "atelectasis",
                "atelectases",
                "atelectatic",
                "collapse",
                "atelectasia",
                "atelectasias",
                "colapso",
                "perdida de volumen");
        add("edema", "edema", "oedema", "vascular congestion", "congestion", "redistribucion vascular");
        add("pneumonia", "pneumonia", "neumonia");
        add("nodule", "nodule", "nodules", "nodular", "nodulo", "nodulos", "micronodulos");
        add("mass", "mass", "masses", "masa", "masas");
        add("cardiomegaly", "cardiomegaly", "cardiac enlargement", "enlarged heart", "cardiomegalia");
        add(
                "enlargement",
                "enlarged",
                "enlargement",
                "widened",
                "widening",
                "agrandamiento",
                "ensanchamiento",
                "aumentado",
                "aumentada");
        add("fracture", "fracture", "fractures", "fractura", "fracturas");
        add("lesion", "lesion", "lesions", "lesiones");
        add(
                "scarring",
                "scarring",
                "scar",
                "scars",
                "fibrosis",
                "fibrotic",
                "cicatriz",
                "cicatrices",
                "tractos fibrosos",
                "cambios fibrocicatriciales");
        add("emphysema", "emphysema", "hyperinflation", "hyperexpanded", "enfisema", "hiperinsuflacion");
        add("thickening", "thickening", "engrosamiento", "engrosamientos");
        add(
                "calcification",
                "calcification",
                "calcifications",
                "calcified",
                "calcificacion",
                "calcificaciones",
                "calcificado",
                "calcificada");
        add("granuloma", "granuloma", "granulomas");
        add("hernia", "hernia");
        add("blunting", "blunting", "pinzamiento");
        add("elevation", "elevation", "elevated", "elevacion");
        add(
                "device",
                "tube",
                "tubes",
                "catheter",
                "catheters",
                "pacemaker",
                "stent",
                "sternotomy wires",
                "clips",
                "sonda",
                "cateter",
                "tubo",
                "marcapasos");
        add(
                "aortic elongation",
                "aortic elongation",
                "tortuosity",
                "tortuous",
                "elongacion aortica",
                "elongacion de aorta",
                "elongacion");
        add("scoliosis", "scoliosis", "kyphosis", "escoliosis", "cifosis");
        add("cavitation", "cavitation", "cavity", "cavitacion");
        add("bronchiectasis", "bronchiectasis", "bronquiectasias");
        add(
                "pattern",
                "interstitial pattern",
                "alveolar pattern",
                "interstitial markings",
                "patron intersticial",
                "patron alveolar");
        add(
                "abnormality",
                "abnormality",
                "abnormalities",
                "process",
                "disease",
                "finding",
                "findings",
                "enfermedad",
                "alteracion",
                "alteraciones",
                "hallazgo",
                "hallazgos",
                "patologia");
    }

    private FindingLexicon() {}

    private static void add(String canonical, String... forms) {
        TERMS.put(canonical, List.of(forms));
    }
}

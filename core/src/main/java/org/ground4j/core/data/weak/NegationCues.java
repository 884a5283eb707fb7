package org.ground4j.core.data.weak;

import java.util.List;

/**
 * The cue phrases of the negation detector, English and Spanish together (the two share "no" and barely collide
 * otherwise), written without accents. Rules a person can audit: each list says what it does.
 */
final class NegationCues {

    /** Negate the findings that follow, up to the end of the clause or a terminator. */
    static final List<String> PRE = List.of(
            "no", "not", "without", "no evidence of", "no signs of", "no sign of", "negative for", "free of",
            "clear of", "absence of", "resolution of", "never", "nor", "neither", "no longer",
            "sin", "ni", "ausencia de", "no se observa", "no se observan", "no se aprecia", "no se aprecian",
            "no se identifica", "no se identifican", "no se visualiza", "no se visualizan", "no se ve", "no se ven",
            "no hay", "no existe", "no existen", "no presenta", "no muestra", "no signos de", "no evidencia de",
            "sin evidencia de", "sin signos de", "negativo para", "libre de", "libres de", "resolucion de",
            "desaparicion de");

    /** Negate the findings just before them in the same clause ("Pneumothorax is not seen."). */
    static final List<String> POST = List.of(
            "not seen", "not identified", "not present", "not appreciated", "not visualized", "not visualised",
            "not evident", "not demonstrated", "not visible", "not detected", "not noted", "not observed",
            "absent", "has resolved", "have resolved", "resolved", "has cleared", "have cleared", "cleared",
            "no longer seen", "no longer present", "no longer visible", "no longer identified", "no longer evident",
            "ruled out", "excluded",
            "ausente", "ausentes", "resuelto", "resuelta", "resueltos", "resueltas", "ha desaparecido",
            "han desaparecido", "descartado", "descartada", "no visible", "no visibles");

    /**
     * Look like negation but are not: uncertainty ("cannot be excluded") and the like. A cue inside one of these
     * never fires.
     */
    static final List<String> PSEUDO = List.of(
            "not only", "not necessarily", "not well", "not entirely", "not certain", "not clear",
            "cannot exclude", "cannot be excluded", "can not be excluded", "cannot rule out", "cannot be ruled out",
            "can not rule out", "not excluded", "not be excluded", "not ruled out", "not be ruled out",
            "no se puede descartar", "no se puede excluir", "no puede descartarse", "no puede excluirse",
            "no se descarta", "no se descartan", "no descartar", "sin poder descartar", "no es posible descartar",
            "no cabe descartar");

    /**
     * After a negation cue (and up to two {@link #CHANGE_MODIFIERS}), a change word makes the cue deny the change,
     * not the finding: "No change in the left effusion.", "Sin cambios en el derrame.".
     */
    static final List<String> CHANGE_WORDS = List.of(
            "change", "changes", "changed", "increase", "increased", "decrease", "decreased", "progression",
            "worsening", "improvement", "growth",
            "cambio", "cambios", "variacion", "variaciones", "modificacion", "modificaciones", "aumento",
            "disminucion", "progresion", "empeoramiento", "mejoria", "evolucion");

    /** Words allowed between a negation cue and a change word. */
    static final List<String> CHANGE_MODIFIERS = List.of(
            "significant", "significantly", "interval", "definite", "appreciable", "substantial", "apparent",
            "major", "obvious", "notable", "relevant", "further",
            "significativo", "significativos", "significativa", "significativas", "relevante", "relevantes",
            "evidente", "evidentes", "apreciable", "apreciables", "importante", "importantes");

    /** End the scope of a preceding negation cue: the clause goes on to say something else. */
    static final List<String> TERMINATORS = List.of(
            "but", "however", "although", "though", "yet", "except", "aside from", "apart from", "other than",
            "which", "whereas", "while", "there is", "there are", "there has been", "there may be", "and the",
            "and there", "and a", "and an", "persistent", "persists", "persist", "remains", "remain", "again",
            "pero", "aunque", "sin embargo", "no obstante", "excepto", "salvo", "mientras", "se observa",
            "se observan", "se aprecia", "se aprecian", "se identifica", "se identifican", "se visualiza",
            "se visualizan", "hay", "presenta", "persiste", "persisten", "persistente", "y el", "y la", "y los",
            "y las");

    /** A sentence with no finding word but one of these states normality ("Normal heart size."). */
    static final List<String> NORMAL = List.of(
            "normal", "normales", "clear", "unremarkable", "within normal limits", "intact", "well expanded",
            "well aerated", "sharp", "well defined", "preserved", "dentro de la normalidad",
            "dentro de limites normales", "libre", "libres", "conservado", "conservada", "conservados", "conservadas",
            "preservado", "preservada", "preservados", "preservadas", "bien definido", "bien definida",
            "bien definidos", "bien definidas");

    /** How far back (in tokens) a post-negation cue reaches. */
    static final int POST_WINDOW = 8;

    private NegationCues() {
    }
}

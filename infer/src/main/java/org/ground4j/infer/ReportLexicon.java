package org.ground4j.infer;

import java.util.Set;

/**
 * The words {@link SentenceSplitter} knows, English and Spanish, lower case: section names, abbreviations and
 * words after which a line is wrapped rather than ended.
 */
final class ReportLexicon {

    /** Section names dropped as headers ("FINDINGS:", "Hallazgos:", or alone on a line). */
    static final Set<String> HEADERS = Set.of(
            "findings",
            "finding",
            "impression",
            "impressions",
            "conclusion",
            "conclusions",
            "history",
            "clinical history",
            "indication",
            "indications",
            "clinical indication",
            "clinical information",
            "reason for exam",
            "reason for examination",
            "reason for study",
            "technique",
            "comparison",
            "comparisons",
            "examination",
            "exam",
            "procedure",
            "report",
            "final report",
            "summary",
            "recommendation",
            "recommendations",
            "notification",
            "addendum",
            "opinion",
            "diagnosis",
            "study",
            "result",
            "results",
            "comment",
            "comments",
            "note",
            "hallazgos",
            "hallazgo",
            "impresión",
            "impresion",
            "impresión diagnóstica",
            "impresion diagnostica",
            "conclusión",
            "conclusiones",
            "diagnóstico",
            "diagnostico",
            "juicio diagnóstico",
            "juicio diagnostico",
            "historia clínica",
            "historia clinica",
            "antecedentes",
            "antecedentes clínicos",
            "antecedentes clinicos",
            "datos clínicos",
            "datos clinicos",
            "indicación",
            "indicacion",
            "indicaciones",
            "motivo",
            "motivo de consulta",
            "motivo del estudio",
            "motivo de estudio",
            "técnica",
            "tecnica",
            "comparación",
            "comparacion",
            "estudio",
            "exploración",
            "exploracion",
            "informe",
            "resultado",
            "resultados",
            "comentario",
            "comentarios",
            "observaciones",
            "recomendación",
            "recomendacion",
            "recomendaciones",
            "nota",
            "descripción",
            "descripcion");

    /** Abbreviations after which a point never ends a sentence (lower case, inner points kept). */
    static final Set<String> NEVER_FINAL = Set.of(
            "dr", "dra", "drs", "dras", "mr", "mrs", "ms", "prof", "sr", "sra", "srta", "srs", "dña", "st", "e.g",
            "i.e", "eg", "ie", "approx", "aprox", "appr", "vs", "cf", "fig", "figs", "ej", "p.ej", "pág", "pag", "núm",
            "num", "nº", "resp", "incl", "ref");

    /** Abbreviations that may end a sentence: they do unless a lower-case word follows. */
    static final Set<String> FINAL_BEFORE_CAPITAL = Set.of(
            "etc", "al", "cm", "mm", "ml", "cc", "kg", "mg", "hr", "hrs", "min", "seg", "sec", "a.m", "p.m", "lat",
            "ant", "post", "sup", "inf", "med", "bilat", "prox", "dist", "izq", "izqdo", "izqda", "izdo", "izda", "der",
            "dcho", "dcha", "dch", "pte", "tto", "rx");

    /** Titles: a capital initial after one of them does not end a sentence ("Dr. J. Smith"). */
    static final Set<String> TITLES = Set.of("dr", "dra", "drs", "mr", "mrs", "ms", "prof", "sr", "sra", "srta");

    /** Words that cannot end a sentence, so a line ending with one is wrapped. */
    static final Set<String> CONTINUING = Set.of(
            "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "with", "without", "from", "by", "for", "de",
            "del", "la", "el", "los", "las", "en", "con", "sin", "y", "o", "por", "para", "un", "una", "al");

    private ReportLexicon() {}
}

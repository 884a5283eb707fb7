package org.ground4j.core.data.weak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.weak.SentenceAnalysis.Verdict;
import org.ground4j.core.geometry.Box;

/**
 * The stage-1 weak-label cleanup of DESIGN.md section 3, by rules a person can audit (the paper used an LLM):
 * <ol>
 *   <li>a sentence with empty text is dropped;</li>
 *   <li>a sentence whose findings are all negated loses its boxes ("No pneumothorax." linked to the lungs), and so
 *       does a normal statement that names no finding ("Normal heart size." linked to the cardiac silhouette) —
 *       judged by the source's finding attributes when it has them (Chest ImaGenome's {@code |yes|}/{@code |no|}),
 *       else by the {@link NegationDetector};</li>
 *   <li>of the regions that remain, only the most specific are kept: a repeated region once, and a region dropped
 *       when one of its descendants in the {@link AnatomyHierarchy} is also named;</li>
 *   <li>a sentence that maps to no region stays, as a zero-box sample.</li>
 * </ol>
 * Every change is counted in the {@link CleanupReport}.
 *
 * <pre>{@code
 * CleanupResult r = WeakLabelCleaner.standard().clean(WeakJsonl.read(Path.of("weak.jsonl")));
 * System.out.print(r.report().toText());
 * }</pre>
 */
public final class WeakLabelCleaner {

    private final AnatomyHierarchy hierarchy;
    private final NegationDetector detector;

    public WeakLabelCleaner(AnatomyHierarchy hierarchy, NegationDetector detector) {
        this.hierarchy = java.util.Objects.requireNonNull(hierarchy, "hierarchy");
        this.detector = java.util.Objects.requireNonNull(detector, "detector");
    }

    /** Chest ImaGenome hierarchy, English and Spanish negation rules. */
    public static WeakLabelCleaner standard() {
        return new WeakLabelCleaner(AnatomyHierarchy.IMAGENOME, NegationDetector.STANDARD);
    }

    /** The cleaned samples, in input order, and the report. */
    public record Result(List<WeakSample> samples, CleanupReport report) {
        public Result {
            samples = List.copyOf(samples);
        }
    }

    public Result clean(List<WeakSample> in) {
        CleanupReport report = new CleanupReport();
        List<WeakSample> out = new ArrayList<>(in.size());
        int boxesIn = 0;
        int boxesOut = 0;
        for (WeakSample w : in) {
            boxesIn += w.sample().boxes().size();
            WeakSample cleaned = clean(w, report);
            if (cleaned != null) {
                out.add(cleaned);
                boxesOut += cleaned.sample().boxes().size();
            }
        }
        report.totals(in.size(), out.size(), boxesIn, boxesOut);
        return new Result(out, report);
    }

    private WeakSample clean(WeakSample w, CleanupReport report) {
        Sample s = w.sample();
        String id = s.id();
        if (s.sentence() == null || s.sentence().isBlank()) {
            report.record(CleanupChange.EMPTY_SENTENCE_DROPPED, 1, id);
            return null;
        }
        int n = s.boxes().size();
        if (n == 0) {
            report.record(CleanupChange.ZERO_BOX_KEPT, 1, id);
            return w;
        }
        Verdict verdict = verdict(w, report);
        if (verdict == Verdict.NEGATED || verdict == Verdict.NORMAL) {
            report.record(
                    verdict == Verdict.NEGATED
                            ? CleanupChange.NEGATED_BOXES_DROPPED
                            : CleanupChange.NORMAL_BOXES_DROPPED,
                    1,
                    id);
            return new WeakSample(s.withBoxes(List.of(), null), w.hasRegionNames() ? List.of() : null, w.attributes());
        }
        if (!w.hasRegionNames()) {
            report.record(CleanupChange.NO_REGION_NAMES, 1, id);
            return w;
        }
        return mostSpecific(w, report);
    }

    /** The attributes' verdict when they say anything, else the text rules'. */
    private Verdict verdict(WeakSample w, CleanupReport report) {
        Verdict text = detector.analyse(w.sample().sentence()).verdict();
        Verdict attributes = FindingAttributes.verdict(w.attributes());
        if (attributes == null) {
            return text;
        }
        report.record(CleanupChange.DECIDED_BY_ATTRIBUTES, 1, w.id());
        if (dropsBoxes(attributes) != dropsBoxes(text)) {
            report.record(CleanupChange.ATTRIBUTES_DISAGREE_WITH_TEXT, 1, w.id());
        }
        return attributes;
    }

    private static boolean dropsBoxes(Verdict v) {
        return v == Verdict.NEGATED || v == Verdict.NORMAL;
    }

    private WeakSample mostSpecific(WeakSample w, CleanupReport report) {
        List<String> regions = w.regions();
        List<Box> boxes = w.sample().boxes();
        Set<String> named = new HashSet<>(regions);
        Set<String> seen = new HashSet<>();
        List<Box> keptBoxes = new ArrayList<>();
        List<String> keptRegions = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            String r = regions.get(i);
            if (!seen.add(r)) {
                report.record(CleanupChange.DUPLICATE_REGION_DROPPED, 1, w.id());
                continue;
            }
            if (!hierarchy.isKnown(r)) {
                report.record(CleanupChange.UNKNOWN_REGION_KEPT, 1, w.id());
            } else if (named.stream().anyMatch(other -> hierarchy.isAncestor(r, other))) {
                report.record(CleanupChange.PARENT_REGION_DROPPED, 1, w.id());
                continue;
            }
            keptBoxes.add(boxes.get(i));
            keptRegions.add(r);
        }
        if (keptBoxes.size() == boxes.size()) {
            return w;
        }
        return new WeakSample(w.sample().withBoxes(keptBoxes, null), keptRegions, w.attributes());
    }
}

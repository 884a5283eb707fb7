package org.ground4j.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ground4j.core.synth.Category.Placement;

/**
 * {@code report.md}: the figures for people. The main table is laid out like the paper's Table 3 (No:
 * N-Acc; Single, Multi, Overall: P@F1=1, CH-F1, Acc), then every figure by group, by placement group (anchored
 * and free-position findings, {@link PlacementFigures}), the image ablation when there is one
 * ({@link ImageAblation}), the threshold sweep, the table by category (like the paper's Table 5, best first),
 * why samples fail ({@link Failure}) and the warnings. Percentages with one decimal;
 * "–" where no sample defines a figure.
 *
 * <pre>{@code
 * String md = MarkdownReport.render(evaluation, "gold.jsonl", "pred.jsonl", List.of("groups.png"));
 * }</pre>
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    /**
     * @param gold        how to name the gold file in the report
     * @param predictions how to name the prediction file (also the row label of the main table)
     * @param charts      chart files written beside the report ({@link EvalCharts} names), embedded where
     *                    they belong
     */
    public static String render(Evaluation ev, String gold, String predictions, Collection<String> charts) {
        return render(ev, null, gold, predictions, null, charts);
    }

    /**
     * The report with an image ablation section.
     *
     * <pre>{@code
     * String md = MarkdownReport.render(real, ImageAblation.of(real, shuffled), "gold.jsonl", "pred.jsonl",
     *         "shuffled.jsonl", List.of());
     * }</pre>
     *
     * @param ablation the image ablation, or {@code null} for none
     * @param shuffled how to name the shuffled-image prediction file (unused without an ablation)
     */
    public static String render(
            Evaluation ev,
            ImageAblation ablation,
            String gold,
            String predictions,
            String shuffled,
            Collection<String> charts) {
        StringBuilder md = new StringBuilder();
        GroupFigures g = ev.groups();
        md.append("# Evaluation report\n\n");
        md.append("Gold `")
                .append(gold)
                .append("`, predictions `")
                .append(predictions)
                .append("`: ")
                .append(g.overall().n())
                .append(" samples (")
                .append(g.no().n())
                .append(" without a box, ")
                .append(g.single().n())
                .append(" with one, ")
                .append(g.multi().n())
                .append(" with several).\n")
                .append("Figures in percent as defined in DESIGN.md section 5 (P@F1=1 at IoU 0.5; CH-F1 centre hit; "
                        + "Acc = mask IoU >= 0.5), predictions as given; \"–\" where no sample defines a figure.\n\n");
        mainTable(md, g, rowLabel(predictions));
        groupTable(md, g);
        placementTable(md, ev.byPlacement());
        if (charts.contains(EvalCharts.GROUPS)) {
            md.append("![figures by group](").append(EvalCharts.GROUPS).append(")\n\n");
        }
        if (ablation != null) {
            ablation(md, ablation, shuffled, charts);
        }
        sweep(md, ev.sweep(), hasPlacement(ev.byPlacement()), charts);
        categories(md, ev.byCategory(), charts);
        failures(md, ev.failures());
        md.append("## Warnings\n\n");
        if (ev.warnings().isEmpty()) {
            md.append("None.\n");
        }
        ev.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
        return md.toString();
    }

    /** The prediction file's name without its folders: the main table's row label. */
    private static String rowLabel(String predictions) {
        String name = predictions.substring(Math.max(predictions.lastIndexOf('/'), predictions.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? predictions : name.replace("|", "\\|");
    }

    private static void mainTable(StringBuilder md, GroupFigures g, String predictions) {
        md.append("## Results (layout of the paper's Table 3)\n\n");
        md.append("| | No (")
                .append(g.no().n())
                .append(") | Single (")
                .append(g.single().n())
                .append(") | | | Multi (")
                .append(g.multi().n())
                .append(") | | | Overall (")
                .append(g.overall().n())
                .append(") | | |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| **Predictions** | **N-Acc** | **P@F1=1** | **CH-F1** | **Acc** | **P@F1=1** | **CH-F1** | **Acc** "
                + "| **P@F1=1** | **CH-F1** | **Acc** |\n");
        md.append("| ").append(predictions).append(" | ").append(Percent.of(g.no().nAcc()));
        for (Figures f : List.of(g.single(), g.multi(), g.overall())) {
            md.append(" | ")
                    .append(Percent.of(f.pAtF1()))
                    .append(" | ")
                    .append(Percent.of(f.chF1()))
                    .append(" | ")
                    .append(Percent.of(f.acc()));
        }
        md.append(" |\n\n");
    }

    private static void groupTable(StringBuilder md, GroupFigures g) {
        md.append("### Every figure by group\n\n");
        header(md, "Group");
        String[] names = {"No", "Single", "Multi", "Overall"};
        for (int i = 0; i < names.length; i++) {
            row(md, names[i], g.get(GroupFigures.KEYS[i]));
        }
        md.append('\n');
    }

    private static boolean hasPlacement(PlacementFigures p) {
        return p.anchored().overall().n() + p.free().overall().n() > 0;
    }

    private static void placementTable(StringBuilder md, PlacementFigures p) {
        md.append("### By placement\n\n");
        md.append("SynthCXR findings by where they can lie: **anchored** (")
                .append(PlacementFigures.labels(Placement.ANCHORED))
                .append(") follow from the anatomy the sentence names; **free**-position (")
                .append(PlacementFigures.labels(Placement.FREE))
                .append(") can sit anywhere in the zone it names, "
                        + "so only the image grounds them. By gold category; other categories and samples without "
                        + "one are in neither group.\n\n");
        header(md, "Group");
        for (String key : PlacementFigures.KEYS) {
            GroupFigures g = p.get(key);
            String name = Character.toUpperCase(key.charAt(0)) + key.substring(1);
            row(md, name, g.overall());
            for (String size : new String[] {"no", "single", "multi"}) {
                row(md, name + ", " + size, g.get(size));
            }
        }
        md.append('\n');
    }

    private static void ablation(StringBuilder md, ImageAblation a, String shuffled, Collection<String> charts) {
        md.append("## Image ablation\n\n");
        md.append("The same sentences grounded on another study's image (`")
                .append(shuffled == null ? "shuffled" : shuffled.replace("`", "'"))
                .append("`, `ground --shuffle-images`). The drop (real - shuffled) "
                        + "is the part of the score that needs the image; what is left with the shuffled image comes from "
                        + "the sentence and the anatomical prior alone. Anchored and free over all their samples.\n\n");
        md.append("| Group | n | P@F1=1 real | P@F1=1 shuffled | P@F1=1 drop | mIoU real | mIoU shuffled "
                + "| mIoU drop |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ImageAblation.Row r : a.rows()) {
            md.append("| ")
                    .append(Character.toUpperCase(r.group().charAt(0)))
                    .append(r.group().substring(1))
                    .append(" | ")
                    .append(r.n())
                    .append(" | ")
                    .append(Percent.of(r.realPAtF1()))
                    .append(" | ")
                    .append(Percent.of(r.shuffledPAtF1()))
                    .append(" | ")
                    .append(Percent.signed(r.pAtF1Drop()))
                    .append(" | ")
                    .append(Percent.of(r.realMiou()))
                    .append(" | ")
                    .append(Percent.of(r.shuffledMiou()))
                    .append(" | ")
                    .append(Percent.signed(r.miouDrop()))
                    .append(" |\n");
        }
        md.append('\n');
        if (charts.contains(EvalCharts.ABLATION)) {
            md.append("![image ablation](").append(EvalCharts.ABLATION).append(")\n\n");
        }
    }

    private static void sweep(StringBuilder md, ThresholdSweep sweep, boolean placement, Collection<String> charts) {
        md.append("## Threshold sweep\n\n");
        Optional<SweepPoint> best = sweep.best();
        if (best.isEmpty()) {
            md.append("No sweep: the predictions carry no scores (or not all predictions with boxes do; see "
                    + "warnings).\n\n");
            return;
        }
        md.append("Boxes scoring below the threshold dropped, fusion not re-run. Best threshold **")
                .append(Percent.threshold(best.get().threshold()))
                .append("**: overall P@F1=1 ")
                .append(Percent.of(best.get().groups().overall().pAtF1()))
                .append(" (the lowest threshold with the " + "highest overall P@F1=1).\n\n");
        md.append("| Threshold | N-Acc | P@F1=1 Single | P@F1=1 Multi | P@F1=1 Overall | CH-F1 Overall | mIoU Overall "
                        + "| Acc Overall |")
                .append(placement ? " P@F1=1 Anchored | P@F1=1 Free |" : "")
                .append('\n');
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
                .append(placement ? "---:|---:|" : "")
                .append('\n');
        for (SweepPoint p : sweep.points()) {
            GroupFigures g = p.groups();
            String mark = p == best.get() ? "**" : "";
            md.append("| ")
                    .append(mark)
                    .append(Percent.threshold(p.threshold()))
                    .append(mark);
            for (double v : new double[] {
                g.no().nAcc(),
                g.single().pAtF1(),
                g.multi().pAtF1(),
                g.overall().pAtF1(),
                g.overall().chF1(),
                g.overall().miou(),
                g.overall().acc()
            }) {
                md.append(" | ").append(mark).append(Percent.of(v)).append(mark);
            }
            if (placement) {
                for (String key : PlacementFigures.KEYS) {
                    md.append(" | ")
                            .append(mark)
                            .append(Percent.of(
                                    p.byPlacement().get(key).overall().pAtF1()))
                            .append(mark);
                }
            }
            md.append(" |\n");
        }
        md.append('\n');
        if (charts.contains(EvalCharts.SWEEP)) {
            md.append("![threshold sweep](").append(EvalCharts.SWEEP).append(")\n\n");
        }
    }

    private static void categories(StringBuilder md, Map<String, Figures> byCategory, Collection<String> charts) {
        md.append("## By category\n\n");
        if (byCategory.isEmpty()) {
            md.append("The gold samples carry no category.\n\n");
            return;
        }
        List<Map.Entry<String, Figures>> rows = new ArrayList<>(byCategory.entrySet());
        rows.sort(Comparator.comparingDouble(
                        (Map.Entry<String, Figures> e) -> -e.getValue().pAtF1())
                .thenComparing(Map.Entry::getKey));
        header(md, "Category");
        rows.forEach(e -> row(md, e.getKey().replace("|", "\\|"), e.getValue()));
        md.append('\n');
        if (charts.contains(EvalCharts.CATEGORIES)) {
            md.append("![figures by category](").append(EvalCharts.CATEGORIES).append(")\n\n");
        }
    }

    private static void failures(StringBuilder md, Failures f) {
        md.append("## Why samples fail\n\n");
        md.append("Each sample in one column, predictions as given (percent of the row's n): a zero-box sentence "
                + "with boxes; no box; every gold box found plus extra boxes; every box right but some gold box "
                + "missed; a box centred on a gold box below IoU 0.5 (loose); a box where no gold box is.\n\n");
        md.append("| Samples | n");
        for (Failure kind : Failure.values()) {
            md.append(" | ").append(kind.label());
        }
        md.append(" |\n|---|---:")
                .append("|---:".repeat(Failure.values().length))
                .append("|\n");
        failureRow(md, "Overall", f.overall());
        if (f.anchored().n() + f.free().n() > 0) {
            failureRow(md, "Anchored", f.anchored());
            failureRow(md, "Free", f.free());
        }
        f.byCategory().forEach((c, counts) -> failureRow(md, c.replace("|", "\\|"), counts));
        md.append('\n');
    }

    private static void failureRow(StringBuilder md, String name, FailureCounts c) {
        md.append("| ").append(name).append(" | ").append(c.n());
        for (Failure kind : Failure.values()) {
            md.append(" | ").append(Percent.of(c.share(kind)));
        }
        md.append(" |\n");
    }

    private static void header(StringBuilder md, String first) {
        md.append("| ").append(first).append(" | n | P@F1=1 | N-Acc | CH-F1 | mIoU | Acc |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    }

    private static void row(StringBuilder md, String name, Figures f) {
        md.append("| ").append(name).append(" | ").append(f.n());
        for (double v : new double[] {f.pAtF1(), f.nAcc(), f.chF1(), f.miou(), f.acc()}) {
            md.append(" | ").append(Percent.of(v));
        }
        md.append(" |\n");
    }
}

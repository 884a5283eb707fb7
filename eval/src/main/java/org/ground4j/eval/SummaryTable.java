package org.ground4j.eval;

import java.util.Locale;

/**
 * The short plain-text table the command prints: every figure by group in percent, then the placement groups
 * (anchored and free, all their samples), the best threshold, the image ablation when there is one, and the
 * number of warnings.
 *
 * <pre>{@code
 * System.out.print(SummaryTable.render(evaluation));
 * // group         n  P@F1=1   N-Acc   CH-F1    mIoU     Acc
 * // no           41    90.2    90.2       –       –       –
 * // ...
 * // anchored     52    88.5    92.0    95.1    71.3    90.4
 * // free         40    20.0    95.0    60.2    30.1    22.5
 * }</pre>
 */
public final class SummaryTable {

    private static final String ROW = "%-8s %8s %7s %7s %7s %7s %7s%n";
    private static final String ABLATION_ROW = "%-8s %8s %7s %8s %7s %7s %8s %7s%n";

    private SummaryTable() {}

    public static String render(Evaluation ev) {
        return render(ev, null);
    }

    /**
     * With the image ablation ({@code null}: none) as a second table: P@F1=1 and mIoU with the real image, with
     * the shuffled one, and the drop, per group.
     */
    public static String render(Evaluation ev, ImageAblation ablation) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "group", "n", "P@F1=1", "N-Acc", "CH-F1", "mIoU", "Acc"));
        for (String key : GroupFigures.KEYS) {
            row(out, key, ev.groups().get(key));
        }
        for (String key : PlacementFigures.KEYS) {
            row(out, key, ev.byPlacement().get(key).overall());
        }
        ev.sweep()
                .best()
                .ifPresent(b -> out.append("best threshold ")
                        .append(Percent.threshold(b.threshold()))
                        .append(" (overall P@F1=1 ")
                        .append(Percent.of(b.groups().overall().pAtF1()))
                        .append(")\n"));
        if (ablation != null) {
            out.append("image ablation (real image, shuffled image, drop = real - shuffled):\n");
            out.append(String.format(
                    Locale.ROOT, ABLATION_ROW, "group", "n", "P@F1=1", "shuffled", "drop", "mIoU", "shuffled", "drop"));
            for (ImageAblation.Row r : ablation.rows()) {
                out.append(String.format(
                        Locale.ROOT,
                        ABLATION_ROW,
                        r.group(),
                        r.n(),
                        Percent.of(r.realPAtF1()),
                        Percent.of(r.shuffledPAtF1()),
                        Percent.signed(r.pAtF1Drop()),
                        Percent.of(r.realMiou()),
                        Percent.of(r.shuffledMiou()),
                        Percent.signed(r.miouDrop())));
            }
        }
        if (!ev.warnings().isEmpty()) {
            out.append(ev.warnings().size())
                    .append(ev.warnings().size() == 1 ? " warning" : " warnings")
                    .append(" (see report.md)\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Figures f) {
        out.append(String.format(
                Locale.ROOT,
                ROW,
                name,
                f.n(),
                Percent.of(f.pAtF1()),
                Percent.of(f.nAcc()),
                Percent.of(f.chF1()),
                Percent.of(f.miou()),
                Percent.of(f.acc())));
    }
}

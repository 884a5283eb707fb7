package org.ground4j.eval;

import java.util.Locale;

/**
 * The short plain-text table the command prints: every figure by group in percent, the best threshold and
 * the number of warnings.
 *
 * <pre>{@code
 * System.out.print(SummaryTable.render(evaluation));
 * // group         n  P@F1=1   N-Acc   CH-F1    mIoU     Acc
 * // no           41    90.2    90.2       –       –       –
 * // ...
 * }</pre>
 */
public final class SummaryTable {

    private static final String ROW = "%-8s %8s %7s %7s %7s %7s %7s%n";

    private SummaryTable() {
    }

    public static String render(Evaluation ev) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "group", "n", "P@F1=1", "N-Acc", "CH-F1", "mIoU", "Acc"));
        for (String key : GroupFigures.KEYS) {
            Figures f = ev.groups().get(key);
            out.append(String.format(Locale.ROOT, ROW, key, f.n(), Percent.of(f.pAtF1()), Percent.of(f.nAcc()),
                    Percent.of(f.chF1()), Percent.of(f.miou()), Percent.of(f.acc())));
        }
        ev.sweep().best().ifPresent(b -> out.append("best threshold ").append(Percent.threshold(b.threshold()))
                .append(" (overall P@F1=1 ").append(Percent.of(b.groups().overall().pAtF1())).append(")\n"));
        if (!ev.warnings().isEmpty()) {
            out.append(ev.warnings().size()).append(ev.warnings().size() == 1 ? " warning" : " warnings")
                    .append(" (see report.md)\n");
        }
        return out.toString();
    }
}

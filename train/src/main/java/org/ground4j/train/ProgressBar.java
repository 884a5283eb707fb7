package org.ground4j.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr ({@code \r}-redrawn on a terminal; one line every 10 % otherwise) with
 * the running loss, the rate and the time left.
 */
final class ProgressBar {

    private final PrintStream out;
    private final boolean tty;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private int lastDecile = -1;

    ProgressBar(PrintStream out, boolean tty, String label, int total) {
        this.out = out;
        this.tty = tty;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void update(int done, int doneSinceStart, double loss) {
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = doneSinceStart / Math.max(secs, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int width = 24, filled = (int) Math.round(width * (double) done / total);
        String line = String.format(
                Locale.ROOT,
                "%s [%s%s] %d/%d loss %.4f  %.2f steps/s  ETA %s",
                label,
                "#".repeat(filled),
                ".".repeat(width - filled),
                done,
                total,
                loss,
                rate,
                clock(eta));
        int decile = done * 10 / total;
        if (tty) {
            out.print("\r" + line);
            if (done >= total) {
                out.println();
            }
        } else if (decile != lastDecile) {
            out.println(line);
        }
        lastDecile = decile;
        out.flush();
    }

    private static String clock(double s) {
        if (!Double.isFinite(s)) {
            return "--:--";
        }
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    }
}

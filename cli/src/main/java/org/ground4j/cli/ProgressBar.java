package org.ground4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.infer.ProgressListener;

/**
 * A one-line progress bar on standard error ({@code [#####.....] 120/300 sentences 40%}), redrawn in place. It is
 * drawn only when standard error is a terminal or when asked for ({@code --progress}); messages printed through
 * {@link #message} do not collide with it.
 */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String unit;
    private final boolean visible;
    private int drawnPercent = -1;
    private boolean lineOpen;

    /**
     * @param unit   what is counted ("sentences", "reports")
     * @param forced draw even when standard error is not a terminal
     */
    ProgressBar(PrintWriter err, String unit, boolean forced) {
        this.err = err;
        this.unit = unit;
        this.visible = forced || stderrIsTerminal();
    }

    @Override
    public void update(long done, long total) {
        if (!visible) {
            return;
        }
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        if (percent == drawnPercent && done != total) {
            return;
        }
        drawnPercent = percent;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + unit + " "
                + percent + "%");
        lineOpen = done != total;
        if (!lineOpen) {
            err.println();
        }
        err.flush();
    }

    /** Prints a line of its own, above the bar. */
    void message(String line) {
        if (lineOpen) {
            err.print("\r\033[K");
        }
        err.println(line);
        if (lineOpen) {
            drawnPercent = -1;
        }
        err.flush();
    }

    /** Whether file descriptor 2 is a terminal (Linux: {@code /proc/self/fd/2} links to a tty). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}

package org.ground4j.core.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.io.AtomicFiles;

/**
 * Draws boxes and their sentences on an image: each {@link LabelledBoxes} entry gets its own colour, its
 * boxes are outlined and tagged with the entry's number (and score, when given), and a legend under the image
 * lists every entry, wrapped to the image width. Works headless (Java2D).
 *
 * <pre>{@code
 * BufferedImage shown = Overlay.draw(image, List.of(
 *         LabelledBoxes.of("Right lower zone opacity.", List.of(new Box(0.15, 0.6, 0.3, 0.72))),
 *         LabelledBoxes.of("No pneumothorax.", List.of())), 512);
 * Overlay.writePng(Path.of("overlay.png"), shown);
 * }</pre>
 */
public final class Overlay {

    private static final Color[] PALETTE = {
        new Color(230, 25, 75),
        new Color(60, 180, 75),
        new Color(255, 225, 25),
        new Color(0, 130, 200),
        new Color(245, 130, 48),
        new Color(145, 30, 180),
        new Color(70, 240, 240),
        new Color(240, 50, 230),
        new Color(210, 245, 60),
        new Color(250, 190, 212)
    };
    private static final Color LEGEND_BACKGROUND = new Color(24, 24, 24);

    private Overlay() {}

    /** The colour of entry {@code i} (the palette repeats after 10). */
    public static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /**
     * The image with boxes and legend.
     *
     * @param image   any BufferedImage (8- or 16-bit gray, RGB)
     * @param items   the entries, in legend order
     * @param maxSide the output image's longer side in pixels (the legend is added below), or 0 for the
     *                original size
     */
    public static BufferedImage draw(BufferedImage image, List<LabelledBoxes> items, int maxSide) {
        if (maxSide < 0) {
            throw new IllegalArgumentException("maxSide must be 0 (original size) or positive, got " + maxSide);
        }
        double scale = maxSide == 0 ? 1 : maxSide / (double) Math.max(image.getWidth(), image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, Math.min(20, w / 32)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int pad = Math.max(4, fm.getHeight() / 3), swatch = fm.getAscent();
        List<List<String>> legend = new ArrayList<>();
        int lines = 0;
        for (int i = 0; i < items.size(); i++) {
            List<String> wrapped = wrap(legendText(i, items.get(i)), fm, w - 3 * pad - swatch);
            legend.add(wrapped);
            lines += wrapped.size();
        }
        int legendHeight = items.isEmpty() ? 0 : lines * fm.getHeight() + 2 * pad;

        BufferedImage out = new BufferedImage(w, h + legendHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.drawImage(resize(image, w, h), 0, 0, null);
            g.setColor(LEGEND_BACKGROUND);
            g.fillRect(0, h, w, legendHeight);
            g.setFont(font);
            float stroke = Math.max(2f, w / 220f);
            g.setStroke(new BasicStroke(stroke));
            for (int i = 0; i < items.size(); i++) {
                drawBoxes(g, items.get(i), i, w, h, fm);
            }
            int y = h + pad;
            for (int i = 0; i < items.size(); i++) {
                g.setColor(colour(i));
                g.fillRect(pad, y + (fm.getHeight() - swatch) / 2, swatch, swatch);
                g.setColor(Color.WHITE);
                for (String line : legend.get(i)) {
                    g.drawString(line, 2 * pad + swatch, y + fm.getAscent());
                    y += fm.getHeight();
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes an image as PNG, atomically. */
    public static void writePng(Path file, BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out -> bytes.writeTo(out));
    }

    private static void drawBoxes(Graphics2D g, LabelledBoxes item, int index, int w, int h, FontMetrics fm) {
        for (int k = 0; k < item.boxes().size(); k++) {
            Box b = item.boxes().get(k);
            int x1 = (int) Math.round(b.x1() * w), y1 = (int) Math.round(b.y1() * h);
            int x2 = (int) Math.round(b.x2() * w), y2 = (int) Math.round(b.y2() * h);
            g.setColor(colour(index));
            g.drawRect(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
            String tag = item.scores() == null
                    ? String.valueOf(index + 1)
                    : (index + 1) + ": "
                            + String.format(Locale.ROOT, "%.2f", item.scores().get(k));
            int tw = fm.stringWidth(tag) + 4, th = fm.getAscent();
            int ty = y1 - th >= 0 ? y1 - th : y1;
            g.fillRect(x1, ty, tw, th);
            g.setColor(Color.BLACK);
            g.drawString(tag, x1 + 2, ty + th - fm.getDescent() / 2);
        }
    }

    private static String legendText(int i, LabelledBoxes item) {
        StringBuilder s = new StringBuilder().append(i + 1).append(". ").append(item.label());
        if (item.boxes().isEmpty()) {
            s.append("  (no box)");
        } else if (item.scores() != null) {
            s.append("  (");
            for (int k = 0; k < item.scores().size(); k++) {
                s.append(k == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%.2f", item.scores().get(k)));
            }
            s.append(')');
        }
        return s.toString();
    }

    /** Greedy word wrap to {@code width} pixels; a word longer than a line gets a line of its own. */
    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= width || line.length() == 0) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** Resizes in halving steps with bilinear filtering, so that strong downscaling does not alias. */
    private static BufferedImage resize(BufferedImage src, int w, int h) {
        BufferedImage current = src;
        int cw = src.getWidth(), ch = src.getHeight();
        do {
            cw = cw / 2 >= w ? cw / 2 : w;
            ch = ch / 2 >= h ? ch / 2 : h;
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, cw, ch, null);
            g.dispose();
            current = next;
        } while (cw != w || ch != h);
        return current;
    }
}

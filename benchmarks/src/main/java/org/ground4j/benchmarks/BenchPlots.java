package org.ground4j.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scaling plots, as PNG (xchart, headless): time against input size, and time against sentences
 * per report for the report path and the per-sentence (MDETR-style) path. Each measured series is the median with
 * the peak-implied floor (FLOPs at the SGEMM rate) drawn dashed beside it.
 */
final class BenchPlots {

    /** One colour per measured series; its floor is drawn dashed in the same colour. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4),
        new Color(0xd62728),
        new Color(0x2ca02c),
        new Color(0x9467bd),
        new Color(0xff7f0e),
        new Color(0x8c564b)
    };

    private BenchPlots() {}

    /** Writes the plots that the measurements allow; returns the files written. */
    static List<Path> write(Path dir, String suffix, List<Measurement> all, Map<Integer, Double> peakGflops)
            throws IOException {
        List<Path> files = new ArrayList<>();
        List<Measurement> size = all.stream()
                .filter(m -> m.group().equals("scaling") && !m.failed())
                .toList();
        if (!size.isEmpty()) {
            XYChart c = chart("Full grounding of one sentence against input size", "input side (px)", "ms");
            addSeries(c, size, m -> true, "", peakGflops);
            files.add(save(c, dir.resolve("scaling-size" + suffix + ".png")));
        }
        List<Measurement> n = all.stream()
                .filter(m -> m.group().equals("report-vs-mdetr") && !m.failed())
                .toList();
        if (!n.isEmpty()) {
            XYChart c = chart("Grounding a report against sentences per report", "sentences per report", "ms");
            addSeries(c, n, m -> m.engine().equals(Workloads.OURS), "report path", peakGflops);
            addSeries(c, n, m -> !m.engine().equals(Workloads.OURS), "per-sentence path (MDETR-style)", peakGflops);
            files.add(save(c, dir.resolve("scaling-sentences" + suffix + ".png")));
        }
        return files;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder()
                .width(800)
                .height(500)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setDecimalPattern("#,##0");
        return c;
    }

    /** One measured and one floor series per thread count. */
    private static void addSeries(
            XYChart c,
            List<Measurement> ms,
            Predicate<Measurement> keep,
            String what,
            Map<Integer, Double> peakGflops) {
        Map<Integer, List<Measurement>> byThreads = new TreeMap<>();
        ms.stream()
                .filter(keep)
                .forEach(m -> byThreads
                        .computeIfAbsent(m.threads(), k -> new ArrayList<>())
                        .add(m));
        String prefix = what.isEmpty() ? "" : what + ", ";
        byThreads.forEach((t, list) -> {
            List<Measurement> sorted = list.stream()
                    .sorted(java.util.Comparator.comparingInt(Measurement::x))
                    .toList();
            double[] x = sorted.stream().mapToDouble(Measurement::x).toArray();
            Color colour = COLOURS[c.getSeriesCollection().size() / 2 % COLOURS.length]; // measured + floor per colour
            XYSeries s = c.addSeries(
                    prefix + t + " thread" + (t == 1 ? "" : "s"),
                    x,
                    values(sorted, m -> m.stats().median()));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            Double peak = peakGflops.get(t);
            if (peak != null) {
                XYSeries f = c.addSeries(
                        prefix + t + " thread" + (t == 1 ? "" : "s") + ", floor",
                        x,
                        values(sorted, m -> m.flops() / (peak * 1e9) * 1e3));
                f.setMarker(SeriesMarkers.NONE);
                f.setLineColor(colour);
                f.setLineStyle(new BasicStroke(
                        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        });
    }

    private static double[] values(List<Measurement> ms, ToDoubleFunction<Measurement> f) {
        return ms.stream().mapToDouble(f).toArray();
    }

    private static Path save(XYChart c, Path file) throws IOException {
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}

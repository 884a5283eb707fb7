package org.ground4j.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts as PNG images, drawn headless with XChart. Figures in percent on a 0-100 axis:
 * <ul>
 *   <li>{@value #GROUPS}: bars per group (P@F1=1, CH-F1, mIoU, Acc; for No, P@F1=1 is N-Acc), and per placement
 *       group (anchored, free; all their samples) when the data has them;</li>
 *   <li>{@value #ABLATION}: P@F1=1 and mIoU with the real and with the shuffled image, per group (only with an
 *       image ablation);</li>
 *   <li>{@value #SWEEP}: the figures over the confidence threshold, the best threshold marked (only with a
 *       sweep);</li>
 *   <li>{@value #CATEGORIES}: bars per category (P@F1=1, CH-F1, mIoU, as the paper's Table 5; only with
 *       categories).</li>
 * </ul>
 *
 * <pre>{@code
 * Map<String, byte[]> pngs = EvalCharts.render(evaluation);   // file name -> PNG bytes
 * }</pre>
 */
public final class EvalCharts {

    public static final String GROUPS = "groups.png";
    public static final String SWEEP = "threshold_sweep.png";
    public static final String CATEGORIES = "categories.png";
    public static final String ABLATION = "image_ablation.png";
    /** Every chart file this class may write. */
    public static final List<String> ALL = List.of(GROUPS, ABLATION, SWEEP, CATEGORIES);

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    /** Distinct colours (the Tableau 10 palette), one per figure. */
    private static final Color[] PALETTE = {
        new Color(0x2ca02c),
        new Color(0xd62728),
        new Color(0x8c564b),
        new Color(0x7f7f7f),
        new Color(0x1f77b4),
        new Color(0xff7f0e),
        new Color(0x9467bd)
    };

    private EvalCharts() {}

    /** The charts that apply to this evaluation, by file name, in the order the report shows them. */
    public static Map<String, byte[]> render(Evaluation ev) {
        return render(ev, null);
    }

    /** The charts, with the image ablation's unless {@code ablation} is {@code null}. */
    public static Map<String, byte[]> render(Evaluation ev, ImageAblation ablation) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(GROUPS, png(groups(ev.groups(), ev.byPlacement())));
        if (ablation != null) {
            out.put(ABLATION, png(ablation(ablation)));
        }
        if (!ev.sweep().isEmpty()) {
            out.put(SWEEP, png(sweep(ev.sweep())));
        }
        if (!ev.byCategory().isEmpty()) {
            out.put(CATEGORIES, png(categories(ev)));
        }
        return out;
    }

    private static CategoryChart groups(GroupFigures g, PlacementFigures p) {
        CategoryChart chart = bars("Figures by group (P@F1=1 of No is N-Acc)", "group");
        List<Figures> f = new ArrayList<>(List.of(g.no(), g.single(), g.multi(), g.overall()));
        List<String> labels = new ArrayList<>(List.of(
                "No (" + g.no().n() + ")",
                "Single (" + g.single().n() + ")",
                "Multi (" + g.multi().n() + ")",
                "Overall (" + g.overall().n() + ")"));
        for (String key : PlacementFigures.KEYS) {
            Figures all = p.get(key).overall();
            if (all.n() > 0) {
                f.add(all);
                labels.add(Character.toUpperCase(key.charAt(0)) + key.substring(1) + " (" + all.n() + ")");
            }
        }
        addBars(chart, "P@F1=1", labels, f, Figures::pAtF1, PALETTE[0]);
        addBars(chart, "CH-F1", labels, f, Figures::chF1, PALETTE[1]);
        addBars(chart, "mIoU", labels, f, Figures::miou, PALETTE[2]);
        addBars(chart, "Acc", labels, f, Figures::acc, PALETTE[3]);
        chart.getStyler().setDecimalPattern("0.0");
        return chart;
    }

    /** Real against shuffled image, per group: the drop is the gap between a pair of bars. */
    private static CategoryChart ablation(ImageAblation a) {
        CategoryChart chart = bars("Image ablation: real vs shuffled image", "group (n)");
        List<String> labels =
                a.rows().stream().map(r -> r.group() + " (" + r.n() + ")").toList();
        addValues(
                chart,
                "P@F1=1 real",
                labels,
                a.rows().stream().map(r -> r.realPAtF1()).toList(),
                PALETTE[0]);
        addValues(
                chart,
                "P@F1=1 shuffled",
                labels,
                a.rows().stream().map(r -> r.shuffledPAtF1()).toList(),
                PALETTE[3]);
        addValues(
                chart,
                "mIoU real",
                labels,
                a.rows().stream().map(r -> r.realMiou()).toList(),
                PALETTE[2]);
        addValues(
                chart,
                "mIoU shuffled",
                labels,
                a.rows().stream().map(r -> r.shuffledMiou()).toList(),
                PALETTE[6]);
        chart.getStyler().setDecimalPattern("0.0");
        return chart;
    }

    /** Categories as the report's table orders them: best P@F1=1 first, then by name. */
    private static CategoryChart categories(Evaluation ev) {
        CategoryChart chart = bars("Figures by category", "category (n)");
        List<Map.Entry<String, Figures>> rows = new ArrayList<>(ev.byCategory().entrySet());
        rows.sort(Comparator.comparingDouble(
                        (Map.Entry<String, Figures> e) -> -e.getValue().pAtF1())
                .thenComparing(Map.Entry::getKey));
        List<String> labels = new ArrayList<>();
        List<Figures> f = new ArrayList<>();
        rows.forEach(e -> {
            labels.add(e.getKey() + " (" + e.getValue().n() + ")");
            f.add(e.getValue());
        });
        addBars(chart, "P@F1=1", labels, f, Figures::pAtF1, PALETTE[0]);
        addBars(chart, "CH-F1", labels, f, Figures::chF1, PALETTE[1]);
        addBars(chart, "mIoU", labels, f, Figures::miou, PALETTE[2]);
        chart.getStyler().setDecimalPattern("0");
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        if (labels.size() > 6) {
            chart.getStyler().setXAxisLabelRotation(35);
        }
        if (labels.size() > 12) {
            chart.getStyler().setLabelsVisible(false);
        }
        return chart;
    }

    private static XYChart sweep(ThresholdSweep sweep) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Figures over the confidence threshold")
                .xAxisTitle("threshold")
                .yAxisTitle("%")
                .build();
        style(chart.getStyler());
        chart.getStyler()
                .setXAxisMin(0.0)
                .setXAxisMax(1.0)
                .setYAxisMin(0.0)
                .setYAxisMax(100.0)
                .setXAxisDecimalPattern("0.0#");
        double[] t = sweep.points().stream().mapToDouble(SweepPoint::threshold).toArray();
        addCurve(chart, "N-Acc (No)", t, sweep, p -> p.groups().no().nAcc(), PALETTE[4], 2f);
        addCurve(chart, "P@F1=1 Single", t, sweep, p -> p.groups().single().pAtF1(), PALETTE[5], 2f);
        addCurve(chart, "P@F1=1 Multi", t, sweep, p -> p.groups().multi().pAtF1(), PALETTE[6], 2f);
        addCurve(chart, "P@F1=1 Overall", t, sweep, p -> p.groups().overall().pAtF1(), PALETTE[0], 3.5f);
        addCurve(chart, "CH-F1 Overall", t, sweep, p -> p.groups().overall().chF1(), PALETTE[1], 2f);
        addCurve(chart, "mIoU Overall", t, sweep, p -> p.groups().overall().miou(), PALETTE[2], 2f);
        sweep.best().ifPresent(best -> {
            XYSeries s = chart.addSeries(
                    "best " + Percent.threshold(best.threshold()),
                    new double[] {best.threshold(), best.threshold()},
                    new double[] {0, 100});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.DARK_GRAY);
            s.setLineStyle(
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        });
        return chart;
    }

    private static void addCurve(
            XYChart chart,
            String name,
            double[] t,
            ThresholdSweep sweep,
            ToDoubleFunction<SweepPoint> figure,
            Color colour,
            float width) {
        double[] y =
                sweep.points().stream().mapToDouble(figure).map(v -> 100 * v).toArray();
        if (Arrays.stream(y).anyMatch(Double::isNaN)) {
            return;
        }
        XYSeries s = chart.addSeries(name, t, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width));
    }

    private static CategoryChart bars(String title, String xTitle) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle("%")
                .build();
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setLabelsPosition(1.02);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        return chart;
    }

    /**
     * One bar series, each bar labelled with its value (so a 0 shows); a figure that is not defined leaves a
     * gap. Nothing when no figure is defined.
     */
    private static void addBars(
            CategoryChart chart,
            String name,
            List<String> labels,
            List<Figures> figures,
            ToDoubleFunction<Figures> figure,
            Color colour) {
        addValues(
                chart,
                name,
                labels,
                figures.stream().map(f -> figure.applyAsDouble(f)).toList(),
                colour);
    }

    /** One bar series of fractions (NaN: a gap), drawn in percent; nothing when none is defined. */
    private static void addValues(
            CategoryChart chart, String name, List<String> labels, List<Double> fractions, Color colour) {
        List<Double> y = new ArrayList<>(fractions.size());
        boolean any = false;
        for (double v : fractions) {
            y.add(Double.isNaN(v) ? null : 100 * v);
            any |= !Double.isNaN(v);
        }
        if (any) {
            chart.addSeries(name, labels, y).setFillColor(colour);
        }
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart \"" + chart.getTitle() + "\": " + e.getMessage(), e);
        }
    }
}

package org.lymphwatch.research;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lymphwatch.model.AlertType;

/** The report's plots, drawn with JFreeChart and returned as base64 PNG for a data: URI. */
final class Charts {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;

    static {
        // Reports are written on servers without a display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** A bar per delay bin of one alert type, one series per run. */
    static String delayHistogram(AlertType type, List<RunScore> runs) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int from = Integer.MAX_VALUE;
        int to = Integer.MIN_VALUE;
        for (RunScore r : runs) {
            for (Delays.Bin b : r.types().get(type).delays().histogram()) {
                from = Math.min(from, b.startDay());
                to = Math.max(to, b.startDay());
            }
        }
        for (int start = from; start <= to; start += Delays.BIN_DAYS) {
            for (RunScore r : runs) {
                data.addValue(0, r.label(), binLabel(start));
            }
        }
        for (RunScore r : runs) {
            for (Delays.Bin b : r.types().get(type).delays().histogram()) {
                data.addValue(b.count(), r.label(), binLabel(b.startDay()));
            }
        }
        return png(
                ChartFactory.createBarChart(
                        type + ": detection delay",
                        "days from the reference (bins of " + Delays.BIN_DAYS + ")",
                        "cases",
                        data,
                        PlotOrientation.VERTICAL,
                        runs.size() > 1,
                        false,
                        false));
    }

    private static String binLabel(int start) {
        return Integer.toString(start);
    }

    /** Openings per 100 patients per week by type, one series per run. */
    static String burden(List<RunScore> runs) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunScore r : runs) {
            for (Map.Entry<AlertType, Burden> e : r.burden().entrySet()) {
                double v = e.getValue().perHundredPatientWeeks();
                data.addValue(Double.isNaN(v) ? 0 : v, r.label(), e.getKey().name());
            }
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Alerts opened per 100 patients per week",
                        "alert type",
                        "openings / 100 patients / week",
                        data,
                        PlotOrientation.HORIZONTAL,
                        runs.size() > 1,
                        false,
                        false);
        return png(chart);
    }

    /** LYMPHEDEMA sensitivity per subgroup, one series per run. */
    static String subgroups(List<RunScore> runs) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunScore r : runs) {
            for (RunScore.Subgroup g : r.lymphedemaBySubgroup()) {
                double s = g.sensitivity();
                data.addValue(Double.isNaN(s) ? 0 : s, r.label(), g.dimension() + ": " + g.group());
            }
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "LYMPHEDEMA sensitivity by subgroup",
                        "",
                        "sensitivity within the horizon",
                        data,
                        PlotOrientation.HORIZONTAL,
                        runs.size() > 1,
                        false,
                        false);
        ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setRange(0, 1);
        return png(chart, WIDTH, 120 + 26 * data.getColumnCount());
    }

    /** One figure of the sweep against the swept value, one series per alert type given. */
    static String sweep(
            String parameter, String what, Map<String, double[]> series, List<Double> x) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(
                (name, ys) -> {
                    XYSeries s = new XYSeries(name);
                    for (int i = 0; i < x.size(); i++) {
                        if (!Double.isNaN(ys[i])) {
                            s.add(x.get(i).doubleValue(), ys[i]);
                        }
                    }
                    data.addSeries(s);
                });
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        what + " against " + parameter,
                        parameter,
                        what,
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(renderer);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return png(chart);
    }

    /**
     * One patient's course: the swelling metric of every evaluation, the lymphedema thresholds, the
     * true onset and lymphedema dates and episodes, and where alerts opened.
     */
    static String timeline(Timeline t) {
        XYSeries readings = new XYSeries(t.metric() + " (readings)");
        t.points().forEach(p -> readings.add(millis(p.at()), p.value()));
        XYSeriesCollection data = new XYSeriesCollection(readings);
        JFreeChart chart =
                ChartFactory.createTimeSeriesChart(
                        t.title(), "date", t.metric() + " %", data, false, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(0x44, 0x66, 0x99));
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        for (double threshold : t.thresholds()) {
            ValueMarker m = new ValueMarker(threshold, Color.GRAY, dashed());
            m.setLabel(threshold + " %");
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
        for (Truth.Episode e : t.truthEpisodes()) {
            IntervalMarker m =
                    new IntervalMarker(
                            millis(e.from()), millis(e.to()), new Color(255, 200, 80, 70));
            m.setLabel(e.type());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(m);
        }
        t.truthMarks()
                .forEach(
                        (label, at) -> {
                            ValueMarker m =
                                    new ValueMarker(millis(at), new Color(0, 140, 0), dashed());
                            m.setLabel("true " + label);
                            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                            plot.addDomainMarker(m);
                        });
        for (Timeline.Mark a : t.alerts()) {
            ValueMarker m =
                    new ValueMarker(millis(a.at()), new Color(200, 30, 30), new BasicStroke(1.2f));
            m.setLabel(a.label());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
        ((DateAxis) plot.getDomainAxis()).setAutoRange(true);
        return png(chart, WIDTH, HEIGHT);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(
                1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0);
    }

    private static long millis(OffsetDateTime t) {
        return t.toInstant().toEpochMilli();
    }

    private static String png(JFreeChart chart) {
        return png(chart, WIDTH, HEIGHT);
    }

    private static String png(JFreeChart chart, int width, int height) {
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        try {
            byte[] bytes = ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
            return Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

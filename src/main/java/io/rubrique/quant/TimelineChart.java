package io.rubrique.quant;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link QuantResult} as a timeline (or per-group chart): per topic the estimated share per group as a line,
 * its 95% interval as a band, and the raw share of tags as a dotted line. A PNG (XChart) or a self-contained HTML
 * page (inline SVG and the table of numbers, no script, nothing fetched). A point whose mix is far from the
 * training mix ({@link QuantResult#shifts()}) is ringed, listed and flagged in the table: the model's tags there
 * deserve less trust. The group "undated" is left out of the lines (it is no point in time) but stays in the HTML
 * table.
 */
public final class TimelineChart {
    /** What a shift mark is called in legends and tables. */
    static final String SHIFT_LABEL = "mix far from training";
    private static final Color SHIFT_COLOR = new Color(0x222222);
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private TimelineChart() {
    }

    /** The chart as PNG bytes. */
    public static byte[] png(QuantResult result, String title) throws IOException {
        List<QuantResult.Group> groups = plotted(result);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("group")
                .yAxisTitle("share of items").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0%");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            int i = (int) Math.round(x);
            return Math.abs(x - i) < 1e-6 && i >= 0 && i < groups.size() ? groups.get(i).key() : "";
        });
        chart.getStyler().setXAxisLabelRotation(groups.size() > 8 ? 45 : 0);
        if (groups.isEmpty()) {
            chart.addSeries("no dated group", new double[] {0}, new double[] {0});
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        }
        double[] x = new double[groups.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        int c = 0;
        for (String topic : groups.get(0).topics().keySet()) {
            Color color = COLORS[c++ % COLORS.length];
            double[] share = new double[x.length];
            double[] lo = new double[x.length];
            double[] hi = new double[x.length];
            double[] raw = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                QuantResult.Group g = groups.get(i);
                TopicShare s = g.topics().get(topic);
                share[i] = s.share();
                lo[i] = s.low();
                hi[i] = s.high();
                raw[i] = g.items() == 0 ? 0 : (double) s.tagged() / g.items();
            }
            XYSeries main = chart.addSeries(topic, x, share);
            main.setLineColor(color);
            main.setMarkerColor(color);
            main.setMarker(SeriesMarkers.CIRCLE);
            main.setLineStyle(new BasicStroke(2.5f));
            for (double[] band : new double[][] {lo, hi}) {
                XYSeries b = chart.addSeries(topic + (band == lo ? " 95% low" : " 95% high"), x, band);
                b.setLineColor(color);
                b.setMarker(SeriesMarkers.NONE);
                b.setShowInLegend(false);
                b.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
            }
            XYSeries tags = chart.addSeries(topic + " (tags)", x, raw);
            tags.setLineColor(color);
            tags.setMarker(SeriesMarkers.NONE);
            tags.setShowInLegend(false);
            tags.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {1f, 3f}, 0f));
        }
        List<double[]> marks = new java.util.ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (var e : groups.get(i).topics().entrySet()) {
                if (result.shifted(groups.get(i).key(), e.getKey())) {
                    marks.add(new double[] {i, e.getValue().share()});
                }
            }
        }
        if (!marks.isEmpty()) {
            XYSeries shifted = chart.addSeries(SHIFT_LABEL, marks.stream().mapToDouble(m -> m[0]).toArray(),
                    marks.stream().mapToDouble(m -> m[1]).toArray());
            shifted.setLineStyle(SeriesLines.NONE);
            shifted.setMarker(SeriesMarkers.DIAMOND);
            shifted.setMarkerColor(SHIFT_COLOR);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** A self-contained HTML page: the chart as inline SVG, then the numbers and the warnings. */
    public static String html(QuantResult result, String title) {
        List<QuantResult.Group> groups = plotted(result);
        int w = WIDTH;
        int h = HEIGHT;
        int left = 60;
        int right = 180;
        int top = 30;
        int bottom = 70;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s\">", w, h, escape(title)));
        for (int p = 0; p <= 10; p += 2) {
            double y = top + plotH * (1 - p / 10.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d%%</text>",
                    left, left + plotW, y, y, left - 6, y + 4, p * 10));
        }
        int n = groups.size();
        java.util.function.IntFunction<Double> xs = i -> left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
        java.util.function.DoubleFunction<Double> ys = v -> top + plotH * (1 - v);
        for (int i = 0; i < n; i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                    + "transform=\"rotate(-40 %.1f %.1f)\">%s</text>", xs.apply(i), top + plotH + 16, xs.apply(i),
                    top + plotH + 16, escape(groups.get(i).key())));
        }
        if (n > 0) {
            int c = 0;
            for (String topic : groups.get(0).topics().keySet()) {
                Color col = COLORS[c % COLORS.length];
                String color = String.format("#%02x%02x%02x", col.getRed(), col.getGreen(), col.getBlue());
                StringBuilder band = new StringBuilder();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    TopicShare s = groups.get(i).topics().get(topic);
                    band.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs.apply(i), ys.apply(s.high())));
                    line.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs.apply(i), ys.apply(s.share())));
                }
                for (int i = n - 1; i >= 0; i--) {
                    band.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs.apply(i),
                            ys.apply(groups.get(i).topics().get(topic).low())));
                }
                svg.append("<polygon points=\"").append(band.toString().strip()).append("\" fill=\"").append(color)
                        .append("\" fill-opacity=\"0.15\" stroke=\"none\"/>");
                svg.append("<polyline points=\"").append(line.toString().strip()).append("\" fill=\"none\" stroke=\"")
                        .append(color).append("\" stroke-width=\"2.5\"/>");
                for (int i = 0; i < n; i++) {
                    if (result.shifted(groups.get(i).key(), topic)) {
                        svg.append(String.format(Locale.ROOT, "<circle class=\"shift\" cx=\"%.1f\" cy=\"%.1f\" r=\"7\" "
                                + "fill=\"none\" stroke=\"#222\" stroke-width=\"2\"><title>%s, %s: %s</title></circle>",
                                xs.apply(i), ys.apply(groups.get(i).topics().get(topic).share()),
                                escape(groups.get(i).key()), escape(topic), SHIFT_LABEL));
                    }
                }
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>", left + plotW + 16, top + 20 * c,
                        color, left + plotW + 36, top + 20 * c + 6, escape(topic)));
                c++;
            }
        }
        if (!result.shifts().isEmpty()) {
            int y = top + 20 * (n > 0 ? groups.get(0).topics().size() : 0) + 10;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"none\" stroke=\"#222\" "
                    + "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>", left + plotW + 23, y,
                    left + plotW + 36, y + 4, SHIFT_LABEL));
        }
        svg.append("</svg>");
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child"
                        + "{text-align:left}</style></head><body><h1>").append(escape(title)).append("</h1>")
                .append("<p>Method <code>").append(escape(result.method())).append("</code>. Lines: estimated share; "
                        + "bands: 95% interval.</p>").append(svg);
        if (!result.shifts().isEmpty()) {
            page.append("<h2>Mix far from training</h2><p>In these groups a topic's estimated share is far from the "
                    + "share the model was trained at (ringed above): its error rates were measured at the training "
                    + "mix, so its tags there deserve less trust.</p><table class=\"shifts\"><tr><th>group</th>"
                    + "<th>topic</th><th>estimated share</th><th>training share</th></tr>");
            result.shifts().forEach(sh -> page.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td>"
                    + "<td>%.1f%%</td><td>%.1f%%</td></tr>", escape(sh.group()), escape(sh.topic()), 100 * sh.share(),
                    100 * sh.training())));
            page.append("</table>");
        }
        if (!result.warnings().isEmpty()) {
            page.append("<h2>Warnings</h2><ul>");
            result.warnings().forEach(wn -> page.append("<li>").append(escape(wn)).append("</li>"));
            page.append("</ul>");
        }
        page.append("<h2>Numbers</h2><table><tr><th>group</th><th>items</th><th>topic</th><th>share</th>"
                + "<th>95% interval</th><th>count</th><th>tagged</th><th>mix</th></tr>");
        for (QuantResult.Group g : result.groups()) {
            g.topics().forEach((t, s) -> page.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s"
                    + "</td><td>%.1f%%</td><td>%.1f%% – %.1f%%</td><td>%d</td><td>%d</td><td>%s</td></tr>",
                    escape(g.key()), g.items(), escape(t), 100 * s.share(), 100 * s.low(), 100 * s.high(), s.count(),
                    s.tagged(), result.shifted(g.key(), t) ? "⚠ " + SHIFT_LABEL : "")));
        }
        page.append("</table></body></html>\n");
        return page.toString();
    }

    private static List<QuantResult.Group> plotted(QuantResult r) {
        return r.groups().stream().filter(g -> !g.key().equals(GroupBy.UNDATED)).toList();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

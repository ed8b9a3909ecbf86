package io.rubrique.eval.report;

import io.rubrique.eval.Estimate;
import io.rubrique.eval.Metrics;
import io.rubrique.eval.RunOutcome;
import io.rubrique.eval.RunReport;
import io.rubrique.eval.RunReport.CurvePoint;
import io.rubrique.eval.RunReport.TopicSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The run report's charts, drawn with XChart and encoded as PNG: one method per chart, no file handling. */
public final class Charts {
    /** File names of the charts, in report order. */
    public static final String F1 = "f1.png";
    public static final String CONFUSION = "confusion.png";
    public static final String PR_CURVES = "pr_curves.png";
    public static final String LEARNING_CURVE = "learning_curve.png";
    public static final String RELIABILITY = "reliability.png";

    /** Where the PNG files go inside a run folder. */
    public static final String DIR = "charts";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    private Charts() {
    }

    /** Every chart of the report as PNG bytes by file name (the learning curve only when there is one). */
    public static Map<String, byte[]> render(RunReport report) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(F1, png(scoresChart(report)));
        out.put(CONFUSION, png(confusionChart(report)));
        out.put(PR_CURVES, png(prChart(report)));
        out.put(RELIABILITY, png(reliabilityChart(report)));
        if (!report.learningCurve().points().isEmpty()) {
            out.put(LEARNING_CURVE, png(learningCurveChart(report)));
        }
        return out;
    }

    /** Writes the charts as {@code charts/<name>} under the run folder. */
    public static void writeFiles(RunOutcome outcome, Map<String, byte[]> charts, Path dir) throws IOException {
        Path chartDir = Files.createDirectories(dir.resolve(DIR));
        for (Map.Entry<String, byte[]> e : charts.entrySet()) {
            Files.write(chartDir.resolve(e.getKey()), e.getValue());
        }
    }

    static CategoryChart scoresChart(RunReport report) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Per-topic precision, recall and F1 (markers: F1's 95% interval for new items)")
                .xAxisTitle("topic").yAxisTitle("score").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> topics = topicIds(report);
        Map<String, TopicSummary> per = report.metrics().perTopic();
        addMeans(chart, "precision", topics, topics.stream().map(t -> per.get(t).precision()).toList());
        addMeans(chart, "recall", topics, topics.stream().map(t -> per.get(t).recall()).toList());
        addMeans(chart, "F1", topics, topics.stream().map(t -> per.get(t).f1()).toList());
        List<Estimate> f1 = topics.stream().map(t -> per.get(t).f1()).toList();
        chart.addSeries("F1 low", topics, f1.stream().map(e -> bound(e, 0)).toList())
                .setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.addSeries("F1 high", topics, f1.stream().map(e -> bound(e, 1)).toList())
                .setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        return chart;
    }

    private static void addMeans(CategoryChart chart, String name, List<String> x, List<Estimate> e) {
        chart.addSeries(name, x, e.stream().map(v -> finite(v.meanOrNaN())).toList());
    }

    private static double bound(Estimate e, int side) {
        return e.ci95() == null ? finite(e.meanOrNaN()) : e.ci95().get(side);
    }

    static XYChart reliabilityChart(RunReport report) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Reliability (out-of-fold scores, all repeats; diagonal = perfectly calibrated)")
                .xAxisTitle("mean score in bin").yAxisTitle("observed share of positives").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        // five long names ("bilateral-relations (ECE 0.086)") do not fit in one row below the plot: a column beside it
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        XYSeries diag = chart.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1});
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        diag.setLineColor(java.awt.Color.GRAY);
        for (String topic : topicIds(report)) {
            List<Metrics.ReliabilityBin> bins = report.reliability().getOrDefault(topic, List.of());
            if (bins.isEmpty()) {
                continue;
            }
            Estimate ece = report.metrics().perTopic().get(topic).ece();
            String name = ece.mean() == null ? topic : String.format(java.util.Locale.ROOT, "%s (ECE %.3f)", topic,
                    ece.mean());
            chart.addSeries(name, bins.stream().mapToDouble(Metrics.ReliabilityBin::meanScore).toArray(),
                    bins.stream().mapToDouble(Metrics.ReliabilityBin::observedRate).toArray());
        }
        return chart;
    }

    static CategoryChart confusionChart(RunReport report) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confusion counts per topic (mean per repeat; TN in the table)").xAxisTitle("topic")
                .yAxisTitle("items").build();
        style(chart.getStyler());
        List<String> topics = topicIds(report);
        Map<String, TopicSummary> per = report.metrics().perTopic();
        chart.addSeries("TP", topics, topics.stream().map(t -> per.get(t).confusion().tp()).toList());
        chart.addSeries("FP", topics, topics.stream().map(t -> per.get(t).confusion().fp()).toList());
        chart.addSeries("FN", topics, topics.stream().map(t -> per.get(t).confusion().fn()).toList());
        return chart;
    }

    static XYChart prChart(RunReport report) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Precision-recall curves (out-of-fold scores, all repeats)").xAxisTitle("recall")
                .yAxisTitle("precision").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        // five long names ("bilateral-relations (ECE 0.086)") do not fit in one row below the plot: a column beside it
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (String topic : topicIds(report)) {
            List<Metrics.PrPoint> pts = report.prCurves().getOrDefault(topic, List.of());
            if (pts.isEmpty()) {
                continue;
            }
            List<Double> recall = new ArrayList<>();
            List<Double> precision = new ArrayList<>();
            for (Metrics.PrPoint p : pts) {
                recall.add(p.recall());
                precision.add(p.precision());
            }
            Estimate ap = report.metrics().perTopic().get(topic).prAuc();
            String name = ap.mean() == null ? topic : String.format("%s (AP %.2f)", topic, ap.mean());
            XYSeries s = chart.addSeries(name, recall, precision);
            s.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    static XYChart learningCurveChart(RunReport report) {
        List<CurvePoint> pts = report.learningCurve().points();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Learning curve (" + report.learningCurve().repeats()
                        + " repeat(s); dashed: 95% interval for new items)")
                .xAxisTitle("training items").yAxisTitle("F1").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        double[] x = pts.stream().mapToDouble(CurvePoint::trainItems).toArray();
        XYSeries macro = chart.addSeries("macro-F1", x,
                pts.stream().mapToDouble(p -> finite(p.macroF1().meanOrNaN())).toArray());
        for (int side = 0; side < 2; side++) {
            int k = side;
            XYSeries b = chart.addSeries(side == 0 ? "95% low" : "95% high", x,
                    pts.stream().mapToDouble(p -> bound(p.macroF1(), k)).toArray());
            b.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(java.awt.Color.GRAY);
        }
        macro.setLineWidth(2.5f);
        chart.addSeries("micro-F1", x, pts.stream().mapToDouble(p -> finite(p.microF1().meanOrNaN())).toArray());
        return chart;
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setAntiAlias(true);
    }

    private static List<String> topicIds(RunReport report) {
        return report.topics().ids();
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? 0.0 : v;
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    }
}

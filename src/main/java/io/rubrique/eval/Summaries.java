package io.rubrique.eval;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import io.rubrique.eval.RunReport.ConfusionMean;
import io.rubrique.eval.RunReport.ErrorRow;
import io.rubrique.eval.RunReport.FoldMetrics;
import io.rubrique.eval.RunReport.MetricsSummary;
import io.rubrique.eval.RunReport.TestResult;
import io.rubrique.eval.RunReport.TestTopic;
import io.rubrique.eval.RunReport.ThresholdStats;
import io.rubrique.eval.RunReport.TopicSummary;
import io.rubrique.data.DataProvenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Turns raw fold results and pooled predictions into the summaries a {@link RunReport} records. */
final class Summaries {
    /** How many points of each precision-recall curve are kept in the report. */
    static final int PR_POINTS = 100;

    private Summaries() {
    }

    static MetricsSummary metrics(List<MetricValues> perRepeat, long[] support) {
        List<Topic> topics = Topic.all();
        Map<String, TopicSummary> perTopic = new LinkedHashMap<>();
        for (int t = 0; t < topics.size(); t++) {
            int tt = t;
            perTopic.put(topics.get(t).id(), new TopicSummary(
                    over(perRepeat, m -> m.confusions()[tt].precision()),
                    over(perRepeat, m -> m.confusions()[tt].recall()),
                    over(perRepeat, m -> m.confusions()[tt].f1()),
                    over(perRepeat, m -> m.rocAuc()[tt]),
                    over(perRepeat, m -> m.prAuc()[tt]),
                    support[t],
                    meanConfusion(perRepeat.stream().map(m -> m.confusions()[tt]).toList())));
        }
        return new MetricsSummary(over(perRepeat, MetricValues::macroF1), over(perRepeat, MetricValues::microF1),
                over(perRepeat, MetricValues::subsetAccuracy), over(perRepeat, MetricValues::hammingLoss), perTopic);
    }

    static Estimate over(List<MetricValues> values, ToDoubleFunction<MetricValues> f) {
        return Estimate.of(values.stream().mapToDouble(f).toArray());
    }

    static ConfusionMean meanConfusion(List<Confusion> cs) {
        double n = Math.max(1, cs.size());
        return new ConfusionMean(cs.stream().mapToLong(Confusion::tp).sum() / n,
                cs.stream().mapToLong(Confusion::fp).sum() / n, cs.stream().mapToLong(Confusion::fn).sum() / n,
                cs.stream().mapToLong(Confusion::tn).sum() / n);
    }

    static List<FoldMetrics> perFold(List<FoldResult> results, List<Predictions> pooled) {
        List<FoldMetrics> out = new ArrayList<>();
        for (FoldResult fr : results) {
            Predictions repeat = pooled.stream().filter(p -> p.repeat() == fr.repeat()).findFirst().orElseThrow();
            MetricValues m = MetricValues.of(repeat.subset(fr.testIndices()));
            Map<String, Double> f1 = new LinkedHashMap<>();
            Map<String, Double> th = new LinkedHashMap<>();
            for (Topic t : Topic.all()) {
                f1.put(t.id(), m.confusions()[t.ordinal()].f1());
                th.put(t.id(), fr.thresholds()[t.ordinal()]);
            }
            out.add(new FoldMetrics(fr.repeat(), fr.fold(), fr.trainSize(), fr.testIndices().length, m.macroF1(),
                    m.microF1(), m.subsetAccuracy(), m.hammingLoss(), f1, th, fr.trainMillis()));
        }
        return out;
    }

    static Map<String, ThresholdStats> thresholds(List<FoldResult> results) {
        Map<String, ThresholdStats> out = new LinkedHashMap<>();
        for (Topic t : Topic.all()) {
            double[] v = results.stream().mapToDouble(r -> r.thresholds()[t.ordinal()]).toArray();
            out.put(t.id(), new ThresholdStats(Arrays.stream(v).average().orElse(Double.NaN),
                    Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN)));
        }
        return out;
    }

    /** Precision-recall curves of the out-of-fold scores of all repeats pooled, thinned to {@link #PR_POINTS}. */
    static Map<String, List<Metrics.PrPoint>> prCurves(List<Predictions> pooled) {
        Map<String, List<Metrics.PrPoint>> out = new LinkedHashMap<>();
        for (Topic t : Topic.all()) {
            List<Boolean> g = new ArrayList<>();
            List<Double> s = new ArrayList<>();
            for (Predictions p : pooled) {
                for (int i = 0; i < p.scores().length; i++) {
                    g.add(p.gold()[i][t.ordinal()]);
                    s.add(p.scores()[i][t.ordinal()]);
                }
            }
            boolean[] gold = new boolean[g.size()];
            for (int i = 0; i < gold.length; i++) {
                gold[i] = g.get(i);
            }
            List<Metrics.PrPoint> curve = Metrics.prCurve(gold, s.stream().mapToDouble(Double::doubleValue)
                    .toArray());
            out.put(t.id(), thin(curve, PR_POINTS));
        }
        return out;
    }

    static <T> List<T> thin(List<T> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<T> out = new ArrayList<>();
        for (int k = 0; k < max; k++) {
            out.add(points.get((int) Math.round((double) k * (points.size() - 1) / (max - 1))));
        }
        return out;
    }

    /**
     * The {@code limit} most confidently wrong (item, topic) decisions: score and threshold averaged over repeats,
     * wrong when the mean decision disagrees with the gold label, ranked by |mean score - mean threshold|.
     */
    static List<ErrorRow> errors(List<LabelledItem> items, List<Predictions> pooled, int limit) {
        int n = items.size();
        int topics = Topic.all().size();
        double[][] score = new double[n][topics];
        double[][] threshold = new double[n][topics];
        int[][] wrong = new int[n][topics];
        for (Predictions p : pooled) {
            boolean[][] pred = p.predicted();
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < topics; t++) {
                    score[i][t] += p.scores()[i][t] / pooled.size();
                    threshold[i][t] += p.thresholds()[i][t] / pooled.size();
                    if (pred[i][t] != p.gold()[i][t]) {
                        wrong[i][t]++;
                    }
                }
            }
        }
        List<ErrorRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LabelledItem item = items.get(i);
            List<String> predicted = new ArrayList<>();
            for (Topic t : Topic.all()) {
                if (score[i][t.ordinal()] >= threshold[i][t.ordinal()]) {
                    predicted.add(t.id());
                }
            }
            List<String> gold = item.topics().stream().map(Topic::id).toList();
            for (Topic t : Topic.all()) {
                int k = t.ordinal();
                boolean predictedYes = score[i][k] >= threshold[i][k];
                if (predictedYes == item.has(t)) {
                    continue;
                }
                rows.add(new ErrorRow(item.id(), item.title(), t.id(), predictedYes ? "FP" : "FN", gold, predicted,
                        score[i][k], threshold[i][k], score[i][k] - threshold[i][k], wrong[i][k], pooled.size()));
            }
        }
        rows.sort(Comparator.comparingDouble((ErrorRow r) -> -Math.abs(r.margin())).thenComparing(ErrorRow::id)
                .thenComparing(ErrorRow::topic));
        return List.copyOf(rows.subList(0, Math.min(limit, rows.size())));
    }

    static TestResult test(DataProvenance data, MetricValues m) {
        Map<String, TestTopic> perTopic = new LinkedHashMap<>();
        for (Topic t : Topic.all()) {
            Confusion c = m.confusions()[t.ordinal()];
            perTopic.put(t.id(), new TestTopic(c.precision(), c.recall(), c.f1(), orNull(m.rocAuc()[t.ordinal()]),
                    orNull(m.prAuc()[t.ordinal()]), c.support(), meanConfusion(List.of(c))));
        }
        return new TestResult(data, m.macroF1(), m.microF1(), m.subsetAccuracy(), m.hammingLoss(), perTopic);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

package io.rubrique.eval;

import io.rubrique.util.ValueRecords;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.RunReport.ConfusionMean;
import io.rubrique.eval.RunReport.CurvePoint;
import io.rubrique.eval.RunReport.ErrorRow;
import io.rubrique.eval.RunReport.FoldMetrics;
import io.rubrique.eval.RunReport.LastStep;
import io.rubrique.eval.RunReport.MetricsSummary;
import io.rubrique.eval.RunReport.TestResult;
import io.rubrique.eval.RunReport.ThresholdStats;
import io.rubrique.eval.RunReport.TopicSummary;
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

    /** Every metric over repeats, with its bootstrap interval over items. */
    static MetricsSummary metrics(TopicSet topics, List<MetricValues> perRepeat, Bootstrap.Resampled resampled,
            long[] support) {
        Map<String, TopicSummary> perTopic = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            int k = t;
            perTopic.put(ids.get(t), new TopicSummary(
                    estimate(perRepeat, resampled, m -> m.confusions()[k].precision()),
                    estimate(perRepeat, resampled, m -> m.confusions()[k].recall()),
                    estimate(perRepeat, resampled, m -> m.confusions()[k].f1()),
                    estimate(perRepeat, resampled, m -> m.rocAuc()[k]),
                    estimate(perRepeat, resampled, m -> m.prAuc()[k]),
                    estimate(perRepeat, resampled, m -> m.brier()[k]),
                    estimate(perRepeat, resampled, m -> m.ece()[k]),
                    support[t],
                    meanConfusion(perRepeat.stream().map(m -> m.confusions()[k]).toList())));
        }
        return new MetricsSummary(estimate(perRepeat, resampled, MetricValues::macroF1),
                estimate(perRepeat, resampled, MetricValues::microF1),
                estimate(perRepeat, resampled, MetricValues::subsetAccuracy),
                estimate(perRepeat, resampled, MetricValues::hammingLoss),
                estimate(perRepeat, resampled, MetricValues::meanBrier),
                estimate(perRepeat, resampled, MetricValues::meanEce), perTopic);
    }

    static Estimate estimate(List<MetricValues> perRepeat, Bootstrap.Resampled resampled,
            ToDoubleFunction<MetricValues> f) {
        return Estimate.of(perRepeat.stream().mapToDouble(f).toArray(), Bootstrap.means(resampled, f));
    }

    static ConfusionMean meanConfusion(List<Confusion> cs) {
        double n = Math.max(1, cs.size());
        return new ConfusionMean(cs.stream().mapToLong(Confusion::tp).sum() / n,
                cs.stream().mapToLong(Confusion::fp).sum() / n, cs.stream().mapToLong(Confusion::fn).sum() / n,
                cs.stream().mapToLong(Confusion::tn).sum() / n);
    }

    static List<FoldMetrics> perFold(TopicSet topics, List<FoldResult> results, List<Predictions> pooled) {
        List<FoldMetrics> out = new ArrayList<>();
        List<String> ids = topics.ids();
        for (FoldResult fr : results) {
            Predictions repeat = pooled.stream().filter(p -> p.repeat() == fr.repeat()).findFirst().orElseThrow();
            MetricValues m = MetricValues.of(repeat.subset(fr.testIndices()), false);
            Map<String, Double> f1 = new LinkedHashMap<>();
            Map<String, Double> th = new LinkedHashMap<>();
            for (int t = 0; t < ids.size(); t++) {
                f1.put(ids.get(t), m.confusions()[t].f1());
                th.put(ids.get(t), fr.thresholds()[t]);
            }
            out.add(new FoldMetrics(fr.repeat(), fr.fold(), fr.trainSize(), fr.testIndices().length, m.macroF1(),
                    m.microF1(), m.subsetAccuracy(), m.hammingLoss(), m.meanBrier(), m.meanEce(), f1, th,
                    fr.trainMillis()));
        }
        return out;
    }

    static Map<String, ThresholdStats> thresholds(TopicSet topics, List<FoldResult> results) {
        Map<String, ThresholdStats> out = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            int k = t;
            double[] v = results.stream().mapToDouble(r -> r.thresholds()[k]).toArray();
            out.put(ids.get(t), new ThresholdStats(Arrays.stream(v).average().orElse(Double.NaN),
                    Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN)));
        }
        return out;
    }

    /** One topic's gold decisions and scores, position by position (a private carrier, never compared). */
    private record Column(boolean[] gold, double[] scores) {
        @Override // arrays by content
        public boolean equals(Object o) { return ValueRecords.equal(this, o); }

        @Override
        public int hashCode() { return ValueRecords.hash(this); }
    }

    /** Gold and scores of one topic over all repeats' predictions, pooled. */
    private static Column pooledColumn(List<Predictions> pooled, int t) {
        int total = pooled.stream().mapToInt(Predictions::items).sum();
        boolean[] gold = new boolean[total];
        double[] scores = new double[total];
        int k = 0;
        for (Predictions p : pooled) {
            for (int i = 0; i < p.items(); i++) {
                gold[k] = p.gold()[i][t];
                scores[k++] = p.scores()[i][t];
            }
        }
        return new Column(gold, scores);
    }

    /** Precision-recall curves of the out-of-fold scores of all repeats pooled, thinned to {@link #PR_POINTS}. */
    static Map<String, List<Metrics.PrPoint>> prCurves(TopicSet topics, List<Predictions> pooled) {
        Map<String, List<Metrics.PrPoint>> out = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            Column c = pooledColumn(pooled, t);
            out.put(ids.get(t), thin(Metrics.prCurve(c.gold(), c.scores()), PR_POINTS));
        }
        return out;
    }

    /** The reliability diagram of each topic: out-of-fold scores of all repeats pooled. */
    static Map<String, List<Metrics.ReliabilityBin>> reliability(TopicSet topics, List<Predictions> pooled) {
        Map<String, List<Metrics.ReliabilityBin>> out = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            Column c = pooledColumn(pooled, t);
            out.put(ids.get(t), Metrics.reliability(c.gold(), c.scores(), Metrics.CALIBRATION_BINS));
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

    /** A learning-curve point from the pooled predictions of the curve repeats at one training share. */
    static CurvePoint curvePoint(TopicSet topics, double fraction, double trainItems, List<MetricValues> perRepeat,
            Bootstrap.Resampled resampled) {
        Map<String, Estimate> f1 = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            int k = t;
            f1.put(ids.get(t), estimate(perRepeat, resampled, m -> m.confusions()[k].f1()));
        }
        return new CurvePoint(fraction, trainItems, estimate(perRepeat, resampled, MetricValues::macroF1),
                estimate(perRepeat, resampled, MetricValues::microF1), f1);
    }

    /** The paired gain from {@code before} to {@code after} (same items, same resamples), with the advice given. */
    static LastStep lastStep(TopicSet topics, double fromItems, double toItems, List<MetricValues> before,
            Bootstrap.Resampled beforeResampled, List<MetricValues> after, Bootstrap.Resampled afterResampled,
            String advice) {
        Estimate gain = gain(before, beforeResampled, after, afterResampled, MetricValues::macroF1);
        Map<String, Estimate> perTopic = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            int k = t;
            perTopic.put(ids.get(t), gain(before, beforeResampled, after, afterResampled,
                    m -> m.confusions()[k].f1()));
        }
        return new LastStep(fromItems, toItems, gain, perTopic, advice);
    }

    private static Estimate gain(List<MetricValues> before, Bootstrap.Resampled beforeResampled,
            List<MetricValues> after, Bootstrap.Resampled afterResampled, ToDoubleFunction<MetricValues> f) {
        double point = mean(after.stream().mapToDouble(f).toArray()) - mean(before.stream().mapToDouble(f).toArray());
        double[] a = Bootstrap.means(afterResampled, f);
        double[] b = Bootstrap.means(beforeResampled, f);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return Estimate.difference(point, d);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    /**
     * The {@code limit} most confidently wrong (item, topic) decisions: score and threshold averaged over repeats,
     * wrong when the mean decision disagrees with the gold label, ranked by |mean score - mean threshold|.
     */
    static List<ErrorRow> errors(List<LabelledItem> items, TopicSet topics, List<Predictions> pooled, int limit) {
        int n = items.size();
        List<String> ids = topics.ids();
        int nt = ids.size();
        double[][] score = new double[n][nt];
        double[][] threshold = new double[n][nt];
        int[][] wrong = new int[n][nt];
        for (Predictions p : pooled) {
            boolean[][] pred = p.predicted();
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < nt; t++) {
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
            for (int t = 0; t < nt; t++) {
                if (score[i][t] >= threshold[i][t]) {
                    predicted.add(ids.get(t));
                }
            }
            List<String> gold = List.copyOf(item.topics());
            for (int t = 0; t < nt; t++) {
                boolean predictedYes = score[i][t] >= threshold[i][t];
                if (predictedYes == item.has(ids.get(t))) {
                    continue;
                }
                rows.add(new ErrorRow(item.id(), item.title(), ids.get(t), predictedYes ? "FP" : "FN", gold,
                        predicted, score[i][t], threshold[i][t], score[i][t] - threshold[i][t], wrong[i][t],
                        pooled.size(), List.of()));
            }
        }
        rows.sort(Comparator.comparingDouble((ErrorRow r) -> -Math.abs(r.margin())).thenComparing(ErrorRow::id)
                .thenComparing(ErrorRow::topic));
        return List.copyOf(rows.subList(0, Math.min(limit, rows.size())));
    }

    static TestResult test(DataProvenance data, TopicSet topics, Predictions p, long seed) {
        MetricValues m = MetricValues.of(p);
        Bootstrap.Resampled resampled = new Bootstrap(p.items(), Bootstrap.RESAMPLES, seed).evaluate(List.of(p), true);
        long[] support = new long[topics.size()];
        for (int t = 0; t < support.length; t++) {
            for (boolean[] g : p.gold()) {
                support[t] += g[t] ? 1 : 0;
            }
        }
        return new TestResult(data, metrics(topics, List.of(m), resampled, support));
    }
}

package io.rubrique.eval;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code report.json} holds about one evaluation run (snake_case keys through {@code Json.mapper()}).
 * Metrics are computed per repeat on that repeat's pooled out-of-fold predictions and summarised as
 * {@link Estimate}s; {@code per_fold} keeps the single-fold values that {@code rubrique compare} pairs up.
 *
 * @param kind   "evaluate" or "train"
 * @param test   held-out test-set results, or null when no test file was given
 * @param extra  whatever the caller added (a train run records {@code model_path} and {@code model_sha256})
 */
public record RunReport(
        String runId,
        String startedAt,
        String finishedAt,
        String kind,
        ExperimentConfig config,
        DataProvenance data,
        Protocol protocol,
        MetricsSummary metrics,
        List<FoldMetrics> perFold,
        LearningCurve learningCurve,
        Map<String, ThresholdStats> thresholds,
        Map<String, List<Metrics.PrPoint>> prCurves,
        List<ErrorRow> errors,
        TestResult test,
        Timings timings,
        Map<String, String> versions,
        String codeRevision,
        Map<String, Object> extra) {

    /**
     * How the folds were made. Repeat r's split is seeded with {@code Seeds.derive(seed, r)}, fold f of repeat r
     * trains with seed {@code Seeds.derive(seed, r, f)}.
     *
     * @param itemIds    item ids in data order
     * @param assignment {@code assignment[r][i]}: the test fold of item i in repeat r
     */
    public record Protocol(int folds, int repeats, long seed, String stratification, String predictions,
            int threads, List<String> itemIds, int[][] assignment) {
    }

    /** Headline metrics over repeats, plus per topic. */
    public record MetricsSummary(Estimate macroF1, Estimate microF1, Estimate subsetAccuracy, Estimate hammingLoss,
            Map<String, TopicSummary> perTopic) {
    }

    /** One topic's metrics over repeats; {@code support} is its number of gold positives in the data. */
    public record TopicSummary(Estimate precision, Estimate recall, Estimate f1, Estimate rocAuc, Estimate prAuc,
            long support, ConfusionMean confusion) {
    }

    /** Confusion counts averaged over repeats (each repeat scores every item once). */
    public record ConfusionMean(double tp, double fp, double fn, double tn) {
    }

    /** The metrics of one fold's held-out items, with the fold's sizes (for the corrected t-test). */
    public record FoldMetrics(int repeat, int fold, int trainSize, int testSize, double macroF1, double microF1,
            double subsetAccuracy, double hammingLoss, Map<String, Double> f1, Map<String, Double> thresholds,
            long trainMs) {
    }

    /** Macro- and micro-F1 against the share of each training fold used, over {@code repeats} repeats. */
    public record LearningCurve(int repeats, List<CurvePoint> points) {
    }

    /** One learning-curve point; {@code trainItems} is the mean training-set size. */
    public record CurvePoint(double fraction, double trainItems, Estimate macroF1, Estimate microF1) {
    }

    /** The thresholds the fold models chose for one topic. */
    public record ThresholdStats(double mean, double min, double max) {
    }

    /**
     * A confidently wrong decision, averaged over repeats: mean score and threshold of the item for the topic,
     * {@code margin = score - threshold}, and in how many repeats it was wrong.
     */
    public record ErrorRow(String id, String title, String topic, String error, List<String> gold,
            List<String> predicted, double score, double threshold, double margin, int wrongIn, int repeats) {
    }

    /** Results on a held-out test set, scored by a model trained on all the data. */
    public record TestResult(DataProvenance data, double macroF1, double microF1, double subsetAccuracy,
            double hammingLoss, Map<String, TestTopic> perTopic) {
    }

    /** One topic on the test set; AUCs are null when undefined (no positives or no negatives). */
    public record TestTopic(double precision, double recall, double f1, Double rocAuc, Double prAuc, long support,
            ConfusionMean confusion) {
    }

    /** Wall-clock times in milliseconds. */
    public record Timings(long cvMs, long learningCurveMs, long testMs, long totalMs, double meanFoldTrainMs,
            long maxFoldTrainMs) {
    }
}

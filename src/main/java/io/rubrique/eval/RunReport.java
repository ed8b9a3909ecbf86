package io.rubrique.eval;

import io.rubrique.util.ValueRecords;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.TopicSet;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code report.json} holds about one evaluation run (snake_case keys through {@code Json.mapper()}).
 * Metrics are computed per repeat on that repeat's pooled out-of-fold predictions; each comes with a 95%
 * interval for new items ({@link Bootstrap}). {@code per_fold} keeps the single-fold values that
 * {@code rubrique compare} pairs up. Per-topic maps are in the declared topic order.
 *
 * @param kind       "evaluate", "train" or "simulate"
 * @param test       held-out test-set results, or null when no test file was given
 * @param unlabelled the unlabelled items the trainer learnt from (path, count, SHA-256, method), or null
 * @param model      the provenance of the model trained on all the data (train runs), or null
 * @param agreement  how far two labellers agree per topic, beside the model's F1, when the label set has second
 *                   opinions; null otherwise
 * @param extra      whatever the caller added
 */
public record RunReport(
        String runId,
        String startedAt,
        String finishedAt,
        String kind,
        ExperimentConfig config,
        TopicSet topics,
        DataProvenance data,
        io.rubrique.model.ModelProvenance.UnlabelledProvenance unlabelled,
        Protocol protocol,
        Intervals intervals,
        MetricsSummary metrics,
        LabellerAgreement agreement,
        Map<String, List<Metrics.ReliabilityBin>> reliability,
        List<FoldMetrics> perFold,
        LearningCurve learningCurve,
        Map<String, ThresholdStats> thresholds,
        Map<String, List<Metrics.PrPoint>> prCurves,
        List<ErrorRow> errors,
        TestResult test,
        io.rubrique.model.ModelProvenance model,
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
        @Override // arrays by content
        public boolean equals(Object o) { return ValueRecords.equal(this, o); }

        @Override
        public int hashCode() { return ValueRecords.hash(this); }
    }

    /** How every interval of the report was made, and what it means. */
    public record Intervals(String method, int resamples, long seed, String meaning) {
    }

    /** Headline metrics, plus per topic. Brier and ECE are means over topics. */
    public record MetricsSummary(Estimate macroF1, Estimate microF1, Estimate subsetAccuracy, Estimate hammingLoss,
            Estimate brier, Estimate ece, Map<String, TopicSummary> perTopic) {
    }

    /** One topic's metrics; {@code support} is its number of gold positives in the data. */
    public record TopicSummary(Estimate precision, Estimate recall, Estimate f1, Estimate rocAuc, Estimate prAuc,
            Estimate brier, Estimate ece, long support, ConfusionMean confusion) {
    }

    /**
     * Agreement between labellers on the items a second labeller also labelled ({@code label --overlap}): per topic
     * Cohen's kappa and the labellers' F1 with each other, each with a 95% bootstrap interval over those items,
     * beside the model's cross-validated F1, and where that F1 stands against the agreement ceiling.
     *
     * @param first  who gave the first opinions
     * @param second who gave the second opinions
     * @param notes  one sentence per topic at the ceiling
     */
    public record LabellerAgreement(List<String> first, List<String> second, int items, String method,
            Map<String, TopicAgreement> perTopic, List<String> notes) {
        /**
         * A labellers' F1 interval wider than this cannot place a ceiling (10 items with two opinions give about
         * 0.5): a model F1 inside it is "can't tell", not "at the ceiling".
         */
        public static final double WIDE = 0.3;

        /**
         * The ceiling rule: a model's F1 below the lower bound of the labellers' F1 interval is below what they
         * agree on; at or above it, it is at the ceiling (more labels of the same quality cannot be expected to lift
         * it much) when the interval is informative (at most {@link #WIDE} wide), else one cannot tell yet.
         */
        public static Ceiling ceiling(List<Double> labellersF1Ci95, double modelF1) {
            if (labellersF1Ci95 == null || Double.isNaN(modelF1)) {
                return Ceiling.CANT_TELL;
            }
            if (modelF1 < labellersF1Ci95.get(0)) {
                return Ceiling.BELOW;
            }
            return labellersF1Ci95.get(1) - labellersF1Ci95.get(0) > WIDE ? Ceiling.CANT_TELL : Ceiling.AT;
        }

        /** The same agreement with each topic's model F1 from {@code metrics} and the ceiling verdicts. */
        public LabellerAgreement withModel(MetricsSummary metrics) {
            Map<String, TopicAgreement> per = new java.util.LinkedHashMap<>();
            List<String> at = new java.util.ArrayList<>();
            perTopic.forEach((topic, a) -> {
                TopicSummary s = metrics.perTopic().get(topic);
                Double f1 = s == null || s.f1() == null ? null : s.f1().mean();
                Ceiling ceiling = f1 == null ? Ceiling.CANT_TELL : ceiling(a.f1Ci95(), f1);
                per.put(topic, new TopicAgreement(a.items(), a.kappa(), a.kappaCi95(), a.f1(), a.f1Ci95(), f1,
                        ceiling));
                if (ceiling == Ceiling.AT) {
                    at.add(String.format(java.util.Locale.ROOT, "%s: F1 %.3f is at the labellers' agreement ceiling "
                            + "(their F1 with each other %.3f [%.3f, %.3f] on %d items); clearer guidelines, not more "
                            + "labels, would lift it", topic, f1, a.f1(), a.f1Ci95().get(0), a.f1Ci95().get(1),
                            a.items()));
                }
            });
            return new LabellerAgreement(first, second, items, method, per, at);
        }
    }

    /**
     * One topic's agreement: Cohen's kappa (null when undefined: no variation) and the labellers' F1 with each
     * other, with 95% intervals; the model's cross-validated F1 (mean over repeats) and where it stands against them.
     */
    public record TopicAgreement(int items, Double kappa, List<Double> kappaCi95, double f1, List<Double> f1Ci95,
            Double modelF1, Ceiling ceiling) {
    }

    /** Where a model's F1 stands against the labellers' agreement ({@link LabellerAgreement#ceiling}). */
    public enum Ceiling {
        /** At or above the lower bound of an informative labellers' F1 interval. */
        AT("at"),
        /** Below the lower bound of the labellers' F1 interval. */
        BELOW("below"),
        /** Not below, but the interval is too wide (too few items with two opinions), or undefined. */
        CANT_TELL("cant_tell");

        private final String id;

        Ceiling(String id) {
            this.id = id;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return id;
        }
    }

    /** Confusion counts averaged over repeats (each repeat scores every item once). */
    public record ConfusionMean(double tp, double fp, double fn, double tn) {
    }

    /** The metrics of one fold's held-out items, with the fold's sizes (for the corrected t-test). */
    public record FoldMetrics(int repeat, int fold, int trainSize, int testSize, double macroF1, double microF1,
            double subsetAccuracy, double hammingLoss, double brier, double ece, Map<String, Double> f1,
            Map<String, Double> thresholds, long trainMs) {
    }

    /**
     * Macro- and micro-F1 against the share of each training fold used, over {@code repeats} repeats, the last
     * step's gain, and what the curve forecasts for more labels (empty without a curve).
     */
    public record LearningCurve(int repeats, List<CurvePoint> points, LastStep lastStep,
            List<ForecastPoint> forecast) {
        public LearningCurve {
            forecast = forecast == null ? List.of() : List.copyOf(forecast);
        }
    }

    /**
     * Macro-F1 and each topic's F1 forecast for a model trained on {@code items} labels, from an inverse power
     * law fitted to the learning curve ({@code Forecasts}), with a 95% interval over bootstrap resamples of the
     * curve, and the gain over the fitted figure at the current labels (paired, same resamples).
     */
    public record ForecastPoint(int items, double macroF1, List<Double> ci95, double gain, List<Double> gainCi95,
            Map<String, TopicForecast> perTopic) {
    }

    /** One topic's forecast F1, its interval, and its gain over the fitted figure now. */
    public record TopicForecast(double f1, List<Double> ci95, double gain) {
    }

    /** One learning-curve point; {@code trainItems} is the mean training-set size. */
    public record CurvePoint(double fraction, double trainItems, Estimate macroF1, Estimate microF1,
            Map<String, Estimate> f1) {
    }

    /**
     * The gain of the curve's last step (from the second-largest training share to all of it), on the same items
     * (a paired bootstrap), overall and per topic, and the sentence that says whether more labels still pay (from
     * the forecast when there is one).
     */
    public record LastStep(double fromItems, double toItems, Estimate macroF1Gain, Map<String, Estimate> f1Gain,
            String advice) {
    }

    /** The thresholds the fold models chose for one topic. */
    public record ThresholdStats(double mean, double min, double max) {
    }

    /**
     * A confidently wrong decision, averaged over repeats: mean score and threshold of the item for the topic,
     * {@code margin = score - threshold}, and in how many repeats it was wrong.
     */
    public record ErrorRow(String id, String title, String topic, String error, List<String> gold,
            List<String> predicted, double score, double threshold, double margin, int wrongIn, int repeats,
            List<String> terms) {
    }

    /** Results on a held-out test set, scored by the model trained on all the data, intervals over test items. */
    public record TestResult(DataProvenance data, MetricsSummary metrics) {
    }

    /** Wall-clock times in milliseconds. */
    public record Timings(long cvMs, long learningCurveMs, long testMs, long totalMs, double meanFoldTrainMs,
            long maxFoldTrainMs) {
    }

    /** A builder naming each of the report's parts, instead of a 23-argument positional call. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a report's parts by name; {@link #build()} makes the record (unset parts are null). */
    public static final class Builder {
        private String runId;
        private String startedAt;
        private String finishedAt;
        private String kind;
        private ExperimentConfig config;
        private TopicSet topics;
        private DataProvenance data;
        private io.rubrique.model.ModelProvenance.UnlabelledProvenance unlabelled;
        private Protocol protocol;
        private Intervals intervals;
        private MetricsSummary metrics;
        private LabellerAgreement agreement;
        private Map<String, List<Metrics.ReliabilityBin>> reliability;
        private List<FoldMetrics> perFold;
        private LearningCurve learningCurve;
        private Map<String, ThresholdStats> thresholds;
        private Map<String, List<Metrics.PrPoint>> prCurves;
        private List<ErrorRow> errors;
        private TestResult test;
        private io.rubrique.model.ModelProvenance model;
        private Timings timings;
        private Map<String, String> versions;
        private String codeRevision;
        private Map<String, Object> extra;

        private Builder() {
        }

        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        public Builder startedAt(String value) {
            this.startedAt = value;
            return this;
        }

        public Builder finishedAt(String value) {
            this.finishedAt = value;
            return this;
        }

        public Builder kind(String value) {
            this.kind = value;
            return this;
        }

        public Builder config(ExperimentConfig value) {
            this.config = value;
            return this;
        }

        public Builder topics(TopicSet value) {
            this.topics = value;
            return this;
        }

        public Builder data(DataProvenance value) {
            this.data = value;
            return this;
        }

        public Builder unlabelled(io.rubrique.model.ModelProvenance.UnlabelledProvenance value) {
            this.unlabelled = value;
            return this;
        }

        public Builder protocol(Protocol value) {
            this.protocol = value;
            return this;
        }

        public Builder intervals(Intervals value) {
            this.intervals = value;
            return this;
        }

        public Builder metrics(MetricsSummary value) {
            this.metrics = value;
            return this;
        }

        public Builder agreement(LabellerAgreement value) {
            this.agreement = value;
            return this;
        }

        public Builder reliability(Map<String, List<Metrics.ReliabilityBin>> value) {
            this.reliability = value;
            return this;
        }

        public Builder perFold(List<FoldMetrics> value) {
            this.perFold = value;
            return this;
        }

        public Builder learningCurve(LearningCurve value) {
            this.learningCurve = value;
            return this;
        }

        public Builder thresholds(Map<String, ThresholdStats> value) {
            this.thresholds = value;
            return this;
        }

        public Builder prCurves(Map<String, List<Metrics.PrPoint>> value) {
            this.prCurves = value;
            return this;
        }

        public Builder errors(List<ErrorRow> value) {
            this.errors = value;
            return this;
        }

        public Builder test(TestResult value) {
            this.test = value;
            return this;
        }

        public Builder model(io.rubrique.model.ModelProvenance value) {
            this.model = value;
            return this;
        }

        public Builder timings(Timings value) {
            this.timings = value;
            return this;
        }

        public Builder versions(Map<String, String> value) {
            this.versions = value;
            return this;
        }

        public Builder codeRevision(String value) {
            this.codeRevision = value;
            return this;
        }

        public Builder extra(Map<String, Object> value) {
            this.extra = value;
            return this;
        }

        public RunReport build() {
            return new RunReport(runId, startedAt, finishedAt, kind, config, topics, data, unlabelled, protocol, intervals,
                    metrics, agreement, reliability, perFold, learningCurve, thresholds, prCurves, errors, test, model,
                    timings, versions, codeRevision, extra);
        }
    }
}

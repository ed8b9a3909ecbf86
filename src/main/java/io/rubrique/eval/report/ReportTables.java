package io.rubrique.eval.report;

import io.rubrique.eval.Estimate;
import io.rubrique.eval.RunReport;
import io.rubrique.eval.RunReport.CurvePoint;
import io.rubrique.eval.RunReport.ErrorRow;
import io.rubrique.eval.RunReport.TestResult;
import io.rubrique.eval.RunReport.MetricsSummary;
import io.rubrique.eval.RunReport.LastStep;
import io.rubrique.eval.RunReport.ThresholdStats;
import io.rubrique.eval.RunReport.TopicSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables of a run report, shared by the Markdown and HTML renderers so both say the same thing. */
public final class ReportTables {
    private ReportTables() {
    }

    public static String headline(RunReport r) {
        return "macro-F1 " + estimate(r.metrics().macroF1()) + ", micro-F1 " + estimate(r.metrics().microF1())
                + " (95% intervals for new items; " + r.protocol().folds() + " folds x " + r.protocol().repeats()
                + " repeats, seed " + r.protocol().seed() + ", " + r.data().items() + " items)";
    }

    /** The report's one-sentence answer to "should I label more?", or null without a learning curve. */
    public static String advice(RunReport r) {
        LastStep s = r.learningCurve().lastStep();
        return s == null ? null : s.advice();
    }

    /** What the intervals mean, in one sentence. */
    public static String intervalsNote(RunReport r) {
        return r.intervals() == null ? "" : r.intervals().meaning();
    }

    public static Table run(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", r.runId()));
        rows.add(List.of("kind", r.kind()));
        rows.add(List.of("config", r.config().name() + (r.config().description().isEmpty() ? ""
                : " (" + r.config().description() + ")")));
        rows.add(List.of("data", r.data().path() + ", " + r.data().items() + " items, sha256 " + r.data().sha256()));
        if (r.unlabelled() != null) {
            rows.add(List.of("unlabelled", r.unlabelled().path() + ", " + r.unlabelled().items() + " items, sha256 "
                    + r.unlabelled().sha256() + ", method " + r.unlabelled().method()));
        }
        if (r.config().prior().enabled()) {
            rows.add(List.of("prior", "each topic's seed words as one pseudo-document of weight "
                    + r.config().prior().weight() + " (a labelled item weighs 1)"));
        }
        rows.add(List.of("protocol", r.protocol().folds() + "-fold CV x " + r.protocol().repeats()
                + " repeats, seed " + r.protocol().seed() + ", " + r.protocol().stratification() + " stratification"));
        rows.add(List.of("started / finished", toSeconds(r.startedAt()) + " / " + toSeconds(r.finishedAt())));
        rows.add(List.of("timings", timings(r)));
        rows.add(List.of("code revision", r.codeRevision()));
        rows.add(List.of("versions", String.join(", ", r.versions().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList())));
        r.extra().forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return new Table("Run", "", List.of("field", "value"), rows);
    }

    /** An ISO instant to the second ("2026-12-07T22:03:05Z"): the report needs no nanoseconds. */
    static String toSeconds(Object instant) {
        String s = String.valueOf(instant);
        try {
            return java.time.Instant.parse(s).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return s;
        }
    }

    /** "total 8 min 18 s: cross-validation 4 min 20 s, learning curve 3 min 57 s; a fold trains in 10.3 s on average". */
    static String timings(RunReport r) {
        RunReport.Timings t = r.timings();
        List<String> parts = new ArrayList<>();
        parts.add("cross-validation " + duration(t.cvMs()));
        if (t.learningCurveMs() > 0) {
            parts.add("learning curve " + duration(t.learningCurveMs()));
        }
        if (r.test() != null) {
            parts.add("test set " + duration(t.testMs()));
        }
        return "total " + duration(t.totalMs()) + ": " + String.join(", ", parts) + "; a fold trains in "
                + duration(Math.round(t.meanFoldTrainMs())) + " on average (longest "
                + duration(t.maxFoldTrainMs()) + ")";
    }

    /** A duration for people: "180 ms", "4.2 s", "38 s", "4 min 20 s", "1 h 02 min". */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** What the Brier score is, in a line, for wherever it is printed. */
    public static final String BRIER = "Brier score: mean squared gap between a score and the 0/1 truth (0 is "
            + "perfect; lower is better)";
    /** What the expected calibration error is, in a line. */
    public static final String ECE = "ECE (expected calibration error): the mean gap, over "
            + io.rubrique.eval.Metrics.CALIBRATION_BINS + " score bins weighted by their items, between the mean "
            + "score and the observed share of positives (0 is perfect; lower is better)";

    public static Table headlineMetrics(RunReport r) {
        MetricsSummary m = r.metrics();
        return new Table("Headline metrics", "Mean over repeats of each repeat's pooled out-of-fold predictions. "
                + intervalsNote(r) + " The repeat spread (standard deviation over repeats) only shows how much "
                + "the fold shuffles move the figure. " + BRIER + ". " + ECE + ".", List.of("metric", "mean",
                        "95% interval (new items)",
                        "repeat spread (sd)"), List.of(
                        estimateRow("macro-F1", m.macroF1()), estimateRow("micro-F1", m.microF1()),
                        estimateRow("subset accuracy", m.subsetAccuracy()),
                        estimateRow("Hamming loss", m.hammingLoss()),
                        estimateRow("Brier score (mean over topics)", m.brier()),
                        estimateRow("expected calibration error (mean over topics)", m.ece())));
    }

    public static Table perTopic(RunReport r) {
        return perTopic("Per topic", "Mean [95% interval for new items]; support = items carrying the topic.",
                r.metrics());
    }

    private static Table perTopic(String title, String note, MetricsSummary m) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, TopicSummary> e : m.perTopic().entrySet()) {
            TopicSummary s = e.getValue();
            rows.add(List.of(e.getKey(), String.valueOf(s.support()), estimate(s.precision()), estimate(s.recall()),
                    estimate(s.f1()), estimate(s.rocAuc()), estimate(s.prAuc())));
        }
        return new Table(title, note, List.of("topic", "support", "precision", "recall", "F1", "ROC-AUC",
                "PR-AUC"), rows);
    }

    /**
     * The labellers' agreement per topic beside the model's F1, or null when the run has none (no second
     * opinions): kappa and the labellers' F1 with each other with 95% intervals, and whether F1 is at that ceiling.
     */
    public static Table agreement(RunReport r) {
        RunReport.LabellerAgreement a = r.agreement();
        if (a == null) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        a.perTopic().forEach((topic, t) -> rows.add(List.of(topic, String.valueOf(t.items()),
                t.modelF1() == null ? "–" : fmt(t.modelF1(), 3),
                t.kappa() == null ? "n/a (no variation)" : fmt(t.kappa(), 3) + " " + interval(t.kappaCi95()),
                t.f1Ci95() == null ? "n/a" : fmt(t.f1(), 3) + " " + interval(t.f1Ci95()),
                switch (t.ceiling()) {
                    case AT -> "yes";
                    case BELOW -> "no, below";
                    case CANT_TELL -> "can't tell (interval too wide)";
                })));
        String note = "On the " + a.items() + " item(s) with a second opinion (" + String.join(", ", a.first())
                + " vs " + String.join(", ", a.second()) + "): " + a.method() + ". Model F1 is the cross-validated "
                + "mean; a topic is at the ceiling when it reaches the lower bound of the labellers' F1 interval and that "
                + "interval is at most " + fmt(RunReport.LabellerAgreement.WIDE, 1) + " wide (wider: more items "
                + "need a second opinion before one can tell)."
                + (a.notes().isEmpty() ? "" : " " + String.join(". ", a.notes()) + ".");
        return new Table("Agreement between labellers", note, List.of("topic", "items", "model F1", "Cohen's kappa",
                "labellers' F1", "at the ceiling?"), rows);
    }

    private static String interval(List<Double> ci) {
        return ci == null ? "" : "[" + fmt(ci.get(0), 3) + ", " + fmt(ci.get(1), 3) + "]";
    }

    public static Table calibration(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, TopicSummary> e : r.metrics().perTopic().entrySet()) {
            rows.add(List.of(e.getKey(), estimate(e.getValue().brier()), estimate(e.getValue().ece())));
        }
        rows.add(List.of("(mean)", estimate(r.metrics().brier()), estimate(r.metrics().ece())));
        String method = r.config().calibration().method();
        return new Table("Calibration", "Do scores mean probabilities? " + BRIER + ". " + ECE
                + ". Calibration method: " + method
                + (r.config().calibration().calibrator() == io.rubrique.config.CalibrationConfig.Method.PLATT ? " (Platt scaling fitted on inner cross-validation scores of each "
                        + "training fold)" : "") + ".",
                List.of("topic", "Brier score", "ECE"), rows);
    }

    public static Table confusion(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        r.metrics().perTopic().forEach((t, s) -> rows.add(List.of(t, fmt(s.confusion().tp(), 1),
                fmt(s.confusion().fp(), 1), fmt(s.confusion().fn(), 1), fmt(s.confusion().tn(), 1))));
        return new Table("Confusion counts", "Mean per repeat (each repeat scores every item once).",
                List.of("topic", "TP", "FP", "FN", "TN"), rows);
    }

    public static Table thresholds(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, ThresholdStats> e : r.thresholds().entrySet()) {
            rows.add(List.of(e.getKey(), fmt(e.getValue().mean(), 3), fmt(e.getValue().min(), 3),
                    fmt(e.getValue().max(), 3)));
        }
        return new Table("Thresholds chosen per fold", "Each fold's model fits its thresholds on its training "
                + "items only.", List.of("topic", "mean", "min", "max"), rows);
    }

    public static Table learningCurve(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of("training share", "training items", "macro-F1",
                "micro-F1"));
        r.topics().ids().forEach(t -> headers.add("F1 " + t));
        for (CurvePoint p : r.learningCurve().points()) {
            List<String> row = new ArrayList<>(List.of(fmt(p.fraction() * 100, 0) + "%", fmt(p.trainItems(), 0),
                    estimate(p.macroF1()), estimate(p.microF1())));
            r.topics().ids().forEach(t -> row.add(p.f1().get(t) == null ? "n/a" : estimate(p.f1().get(t))));
            rows.add(row);
        }
        LastStep s = r.learningCurve().lastStep();
        if (s != null) {
            List<String> row = new ArrayList<>(List.of("last step gain", fmt(s.fromItems(), 0) + " → "
                    + fmt(s.toItems(), 0), signedEstimate(s.macroF1Gain()), ""));
            r.topics().ids().forEach(t -> row.add(signedEstimate(s.f1Gain().get(t))));
            rows.add(row);
        }
        for (RunReport.ForecastPoint f : r.learningCurve().forecast()) {
            List<String> row = new ArrayList<>(List.of("forecast", fmt(f.items(), 0) + " labels",
                    forecast(f.macroF1(), f.ci95()), ""));
            r.topics().ids().forEach(t -> row.add(forecast(f.perTopic().get(t).f1(), f.perTopic().get(t).ci95())));
            rows.add(row);
        }
        return new Table("Learning curve", "Share of each training fold (stratified draw), first "
                + r.learningCurve().repeats() + " repeat(s) of the protocol; intervals for new items, and the last "
                + "step's gain compared on the same items (paired bootstrap); forecasts from an inverse power law "
                + "fitted to each topic's curve, once per bootstrap resample (Figueroa et al. 2012)."
                + (s == null ? "" : " " + s.advice()), headers, rows);
    }

    private static String forecast(double value, List<Double> ci) {
        return fmt(value, 3) + (ci == null ? "" : " [" + fmt(ci.get(0), 3) + ", " + fmt(ci.get(1), 3) + "]");
    }

    private static String signedEstimate(Estimate e) {
        if (e == null || e.mean() == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.3f", e.mean()) + (e.ci95() == null ? "" : String.format(Locale.ROOT,
                " [%+.3f, %+.3f]", e.ci95().get(0), e.ci95().get(1)));
    }

    /**
     * One row per item, at its most confident wrong decision; the item's other wrong topics go in "also wrong
     * on" (the report's JSON keeps one row per item and topic).
     */
    public static Table errors(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<String>> others = new java.util.LinkedHashMap<>();
        Map<String, ErrorRow> first = new java.util.LinkedHashMap<>();
        for (ErrorRow e : r.errors()) {
            if (first.putIfAbsent(e.id(), e) != null) {
                others.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e.topic() + " (" + e.error() + " "
                        + fmt(e.score(), 2) + ")");
            }
        }
        for (ErrorRow e : first.values()) {
            rows.add(List.of(e.id(), e.title(), e.topic(), e.error(), String.join(", ", e.gold()),
                    String.join(", ", e.predicted()), fmt(e.score(), 3), fmt(e.threshold(), 3),
                    e.wrongIn() + "/" + e.repeats(), e.terms() == null || e.terms().isEmpty() ? "n/a"
                            : String.join(", ", e.terms()),
                    String.join(", ", others.getOrDefault(e.id(), List.of()))));
        }
        return new Table("Most confidently wrong", "One row per item, at its decision farthest on the wrong side "
                + "of the threshold (score and threshold averaged over repeats); FP = topic predicted but not "
                + "gold, FN = gold but not predicted; terms: what pushed the final model's score for that topic, "
                + "strongest first; also wrong on: the item's other wrong topics, with their scores.",
                List.of("id", "title", "topic", "error", "gold", "predicted", "score", "threshold", "wrong in",
                        "terms", "also wrong on"), rows);
    }

    /** The held-out test-set table, or null without a test set. */
    public static Table test(RunReport r) {
        TestResult t = r.test();
        if (t == null) {
            return null;
        }
        MetricsSummary m = t.metrics();
        Table per = perTopic("Held-out test set", t.data().path() + ", " + t.data().items() + " items, sha256 "
                + t.data().sha256() + "; model trained on all the data; intervals: bootstrap over the test items. "
                + "macro-F1 " + estimate(m.macroF1()) + ", micro-F1 " + estimate(m.microF1()) + ", Brier "
                + estimate(m.brier()) + ".", m);
        return per;
    }

    private static List<String> estimateRow(String name, Estimate e) {
        return List.of(name, e.mean() == null ? "n/a" : fmt(e.mean(), 3), ci(e),
                e.repeatSd() == null ? "n/a" : fmt(e.repeatSd(), 3));
    }

    /** "0.812 [0.790, 0.834]", or "n/a" when undefined. */
    public static String estimate(Estimate e) {
        if (e.mean() == null) {
            return "n/a";
        }
        return fmt(e.mean(), 3) + " " + ci(e);
    }

    private static String ci(Estimate e) {
        return e.ci95() == null ? "n/a" : "[" + fmt(e.ci95().get(0), 3) + ", " + fmt(e.ci95().get(1), 3) + "]";
    }

    public static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}

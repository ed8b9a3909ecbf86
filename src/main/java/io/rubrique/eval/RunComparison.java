package io.rubrique.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two runs fold by fold. Only runs on the same data (same SHA-256) with the same fold assignment (same
 * item order, folds, repeats and seed) are comparable: then fold (r, f) of A and of B tested the same items, and
 * each headline metric's per-fold differences B − A go through the {@link CorrectedTTest}. Each metric carries two
 * figures per run: the one its report shows ({@code reportA}/{@code reportB}: out-of-fold predictions pooled per
 * repeat, averaged over repeats) and the mean of its per-fold values ({@code foldMeanA}/{@code foldMeanB}), which
 * the test pairs: F1 on a small test fold is noisier and lower than F1 on the pooled predictions, so the two differ.
 */
public final class RunComparison {
    /** Significance level of the verdicts. */
    public static final double ALPHA = 0.05;

    private RunComparison() {
    }

    /** Why two runs cannot be compared. */
    public static final class IncomparableRunsException extends Exception {
        public IncomparableRunsException(String message) {
            super(message);
        }
    }

    /**
     * One metric's paired comparison: the figures the two reports show (NaN when a report lacks it), the means of
     * the per-fold values, their mean difference B − A and the test.
     */
    public record MetricComparison(String metric, double reportA, double reportB, double foldMeanA,
            double foldMeanB, double diff, double t, int df, double p, String verdict) {
    }

    /** The whole comparison; {@code testTrainRatio} is the mean n_test/n_train over folds. */
    public record Comparison(String runA, String runB, String dataSha256, int folds, int repeats,
            double testTrainRatio, List<MetricComparison> metrics) {
    }

    public static Comparison compare(JsonNode a, JsonNode b) throws IncomparableRunsException {
        String idA = a.path("run_id").asText("A");
        String idB = b.path("run_id").asText("B");
        String shaA = a.path("data").path("sha256").asText("");
        String shaB = b.path("data").path("sha256").asText("");
        if (shaA.isEmpty() || !shaA.equals(shaB)) {
            throw new IncomparableRunsException("different data: " + idA + " used sha256 " + shaA + ", " + idB
                    + " used sha256 " + shaB + "; a paired comparison needs the same items");
        }
        JsonNode pa = a.path("protocol");
        JsonNode pb = b.path("protocol");
        for (String key : List.of("folds", "repeats", "seed")) {
            if (!pa.path(key).equals(pb.path(key))) {
                throw new IncomparableRunsException("different folds: " + key + " is " + pa.path(key) + " in " + idA
                        + " but " + pb.path(key) + " in " + idB);
            }
        }
        if (pa.path("assignment").isMissingNode() || !pa.path("assignment").equals(pb.path("assignment"))
                || !pa.path("item_ids").equals(pb.path("item_ids"))) {
            throw new IncomparableRunsException("different folds: the fold assignments of " + idA + " and " + idB
                    + " differ (or are missing), so their folds did not test the same items");
        }
        int folds = pa.path("folds").asInt();
        int repeats = pa.path("repeats").asInt();
        double ratio = testTrainRatio(a);
        List<MetricComparison> out = new ArrayList<>();
        if (!a.path("topics").equals(b.path("topics")) && !topicIds(a).equals(topicIds(b))) {
            throw new IncomparableRunsException("different topics: " + topicIds(a) + " in " + idA + ", "
                    + topicIds(b) + " in " + idB);
        }
        List<String> metrics = new ArrayList<>(List.of("macro_f1", "micro_f1", "subset_accuracy"));
        if (hasFoldMetric(a, "brier") && hasFoldMetric(b, "brier")) {
            metrics.addAll(LOWER_IS_BETTER);
        }
        for (String t : topicIds(a)) {
            metrics.add("f1." + t);
        }
        for (String m : metrics) {
            double[] va = foldValues(a, m, folds, repeats, idA);
            double[] vb = foldValues(b, m, folds, repeats, idB);
            double[] diffs = new double[va.length];
            for (int i = 0; i < va.length; i++) {
                diffs[i] = vb[i] - va[i];
            }
            CorrectedTTest.Result r = CorrectedTTest.test(diffs, ratio);
            out.add(new MetricComparison(m, reportValue(a, m), reportValue(b, m), mean(va), mean(vb), r.meanDiff(),
                    r.t(), r.df(), r.p(), verdict(m, r)));
        }
        return new Comparison(idA, idB, shaA, folds, repeats, ratio, out);
    }

    /** Calibration metrics, compared when both runs have them: smaller is better. */
    static final List<String> LOWER_IS_BETTER = List.of("brier", "ece");

    /** The topic ids of a report, in declared order. */
    static List<String> topicIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        JsonNode declared = report.path("topics").path("topics");
        if (declared.isArray()) {
            declared.forEach(t -> ids.add(t.path("id").asText()));
        } else {
            report.path("metrics").path("per_topic").fieldNames().forEachRemaining(ids::add);
        }
        return ids;
    }

    private static boolean hasFoldMetric(JsonNode report, String metric) {
        JsonNode first = report.path("per_fold").path(0);
        return first.path(metric).isNumber();
    }

    /** "B is better on macro_f1 (p = 0.010)" or "no significant difference on macro_f1 (p = 0.400)". */
    static String verdict(String metric, CorrectedTTest.Result r) {
        String p = String.format(Locale.ROOT, "p = %.3g", r.p());
        if (r.p() < ALPHA && r.meanDiff() != 0) {
            boolean bHigher = r.meanDiff() > 0;
            boolean bBetter = LOWER_IS_BETTER.contains(metric) != bHigher;
            return (bBetter ? "B" : "A") + " is better on " + metric + " (" + p + ")";
        }
        return "no significant difference on " + metric + " (" + p + ")";
    }

    /** The figure a report shows for a metric ("f1.<topic>": the topic's F1), NaN when it has none. */
    static double reportValue(JsonNode report, String metric) {
        JsonNode m = report.path("metrics");
        JsonNode e = metric.startsWith("f1.") ? m.path("per_topic").path(metric.substring(3)).path("f1")
                : m.path(metric);
        return e.path("mean").isNumber() ? e.path("mean").asDouble() : Double.NaN;
    }

    /** Per-fold values of a metric ordered by (repeat, fold); "f1.<topic>" reads the per-topic F1. */
    static double[] foldValues(JsonNode report, String metric, int folds, int repeats, String id)
            throws IncomparableRunsException {
        double[] v = new double[folds * repeats];
        boolean[] seen = new boolean[v.length];
        for (JsonNode f : report.path("per_fold")) {
            int r = f.path("repeat").asInt(-1);
            int k = f.path("fold").asInt(-1);
            if (r < 0 || r >= repeats || k < 0 || k >= folds) {
                continue;
            }
            JsonNode value = metric.startsWith("f1.") ? f.path("f1").path(metric.substring(3)) : f.path(metric);
            if (!value.isNumber()) {
                throw new IncomparableRunsException(id + ": per_fold has no numeric " + metric + " for repeat "
                        + r + " fold " + k);
            }
            v[r * folds + k] = value.asDouble();
            seen[r * folds + k] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IncomparableRunsException(id + ": per_fold lacks repeat " + i / folds + " fold "
                        + i % folds);
            }
        }
        return v;
    }

    private static double testTrainRatio(JsonNode report) {
        double sum = 0;
        int n = 0;
        for (JsonNode f : report.path("per_fold")) {
            double train = f.path("train_size").asDouble(0);
            if (train > 0) {
                sum += f.path("test_size").asDouble(0) / train;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}

package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every interval a report prints, checked the same way on calibrated predictions of 50 and 250 items over five
 * repeats: inside [0, 1] (gains inside [-1, 1]), holding its own estimate, and of a width that says something
 * (not a point while the resamples vary, not the whole range). The ECE interval used to collapse to a point beside
 * its estimate: the resampled ECE sits above the estimate (duplicated items add binning noise), and the
 * bias-corrected percentiles then both land on the lowest resample.
 */
class ReportIntervalsTest {
    private static final TopicSet TOPICS = TopicSet.ofIds("a", "b", "c", "d");
    private static final double[] PREVALENCE = {0.2, 0.3, 0.25, 0.35};

    /**
     * Five repeats of calibrated out-of-fold predictions: each item's probability drawn around its topic's
     * prevalence, its gold drawn from that probability, each repeat's score that probability plus {@code noise}.
     */
    static List<Predictions> repeats(int n, long seed, double noise) {
        Random r = new Random(seed);
        boolean[][] gold = new boolean[n][TOPICS.size()];
        double[][] prob = new double[n][TOPICS.size()];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < TOPICS.size(); t++) {
                boolean likely = r.nextDouble() < PREVALENCE[t];
                prob[i][t] = likely ? 0.4 + 0.59 * r.nextDouble() : 0.35 * r.nextDouble();
                gold[i][t] = r.nextDouble() < prob[i][t];
            }
        }
        List<Predictions> out = new ArrayList<>();
        Random noiseDraw = new Random(seed + 1);
        for (int rep = 0; rep < 5; rep++) {
            double[][] s = new double[n][TOPICS.size()];
            double[][] th = new double[n][TOPICS.size()];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < TOPICS.size(); t++) {
                    s[i][t] = Math.min(1, Math.max(0, prob[i][t] + noise * noiseDraw.nextGaussian()));
                    th[i][t] = 0.45 + 0.1 * noiseDraw.nextDouble();
                }
            }
            out.add(new Predictions(rep, TOPICS, gold, s, th, new int[n]));
        }
        return out;
    }

    static Map<String, Estimate> everyInterval(RunReport.MetricsSummary s) {
        Map<String, Estimate> all = new LinkedHashMap<>();
        all.put("macro-F1", s.macroF1());
        all.put("micro-F1", s.microF1());
        all.put("subset accuracy", s.subsetAccuracy());
        all.put("Hamming loss", s.hammingLoss());
        all.put("Brier", s.brier());
        all.put("ECE", s.ece());
        s.perTopic().forEach((t, ts) -> {
            all.put(t + " precision", ts.precision());
            all.put(t + " recall", ts.recall());
            all.put(t + " F1", ts.f1());
            all.put(t + " ROC-AUC", ts.rocAuc());
            all.put(t + " PR-AUC", ts.prAuc());
            all.put(t + " Brier", ts.brier());
            all.put(t + " ECE", ts.ece());
        });
        return all;
    }

    /** In range, holding its estimate, wider than a point, narrower than {@code widest}. */
    static void assertSound(String what, Estimate e, double min, double max, double widest) {
        assertNotNull(e.ci95(), what);
        double lo = e.ci95().get(0);
        double hi = e.ci95().get(1);
        assertTrue(min <= lo && lo <= hi && hi <= max, what + " outside its range: " + e.ci95());
        assertTrue(lo <= e.mean() && e.mean() <= hi, what + " " + e.mean() + " outside its own interval " + e.ci95());
        assertTrue(hi - lo > 1e-3, what + " is a point, not an interval: " + e.ci95() + " beside " + e.mean());
        assertTrue(hi - lo < widest, what + " says nothing: " + e.ci95());
    }

    @Test
    void everyMetricIntervalHoldsItsEstimateHasWidthAndStaysInRangeAt50And250Items() {
        for (int n : new int[] {50, 250}) {
            List<Predictions> reps = repeats(n, 7 + n, 0.03);
            Bootstrap.Resampled resampled = new Bootstrap(n, Bootstrap.RESAMPLES, 11).evaluate(reps, true);
            long[] support = new long[TOPICS.size()];
            RunReport.MetricsSummary s = Summaries.metrics(TOPICS, reps.stream().map(MetricValues::of).toList(),
                    resampled, support);
            everyInterval(s).forEach((what, e) -> assertSound(what + " at " + n + " items", e, 0, 1, n < 100 ? 0.8 : 0.4));
        }
    }

    @Test
    void theEceIntervalIsNotAPointBesideItsEstimateAt249Items() {
        List<Predictions> reps = repeats(249, 2, 0.03);
        Bootstrap.Resampled resampled = new Bootstrap(249, Bootstrap.RESAMPLES, 3).evaluate(reps, false);
        Estimate ece = Summaries.estimate(reps.stream().map(p -> MetricValues.of(p, false)).toList(), resampled,
                MetricValues::meanEce);
        assertSound("mean ECE", ece, 0, 1, 0.2);
    }

    @Test
    void theLastStepGainHoldsItsEstimateAndStaysWithinMinusOneToOne() {
        for (int n : new int[] {50, 250}) {
            List<Predictions> after = repeats(n, 5, 0.03);
            List<Predictions> before = repeats(n, 5, 0.2);
            Bootstrap b = new Bootstrap(n, Bootstrap.RESAMPLES, 9);
            RunReport.LastStep step = Summaries.lastStep(TOPICS, 0.8 * n, n,
                    before.stream().map(p -> MetricValues.of(p, false)).toList(), b.evaluate(before, false),
                    after.stream().map(p -> MetricValues.of(p, false)).toList(), b.evaluate(after, false), "advice");
            assertSound("macro-F1 gain at " + n, step.macroF1Gain(), -1, 1, n < 100 ? 0.8 : 0.4);
            step.f1Gain().forEach((t, e) -> assertSound(t + " F1 gain at " + n, e, -1, 1, n < 100 ? 1.2 : 0.6));
        }
    }
}

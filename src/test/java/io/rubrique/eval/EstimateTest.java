package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.TopicSet;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Estimates and their bootstrap intervals: inside the metric's range, degenerate cases included. */
class EstimateTest {
    private static final TopicSet TOPICS = TopicSet.ofIds("a", "b");

    @Test
    void theIntervalIsThePercentileIntervalOfTheResamples() {
        double[] resamples = new double[1001];
        for (int i = 0; i < resamples.length; i++) {
            resamples[i] = i / 1000.0;
        }
        Estimate e = Estimate.of(new double[] {0.5, 0.5}, resamples);
        assertEquals(0.5, e.mean(), 1e-12);
        assertEquals(0.025, e.ci95().get(0), 1e-9);
        assertEquals(0.975, e.ci95().get(1), 1e-9);
        assertEquals(0.0, e.repeatSd(), 1e-12);
    }

    @Test
    void aStatisticThatResamplingBiasesGetsTheResamplesSpreadAroundItsEstimate() {
        double[] resamples = new double[1001];
        for (int i = 0; i < resamples.length; i++) {
            resamples[i] = 0.2 + i / 10000.0; // 0.2 .. 0.3, median 0.25, all above the estimate
        }
        Estimate e = Estimate.of(new double[] {0.19}, resamples);
        assertEquals(0.19 - 0.0475, e.ci95().get(0), 1e-9);
        assertEquals(0.19 + 0.0475, e.ci95().get(1), 1e-9);
    }

    @Test
    void aMovedIntervalStaysInsideTheMetricsRangeAndAGainInsideMinusOneToOne() {
        double[] resamples = new double[1001];
        for (int i = 0; i < resamples.length; i++) {
            resamples[i] = 0.5 + i / 2000.0; // 0.5 .. 1.0, median 0.75
        }
        assertEquals(List.of(0.7525, 1.0), Estimate.of(new double[] {0.99}, resamples).ci95());
        double[] gains = new double[1001];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = -1 + i / 1000.0; // -1 .. 0, median -0.5
        }
        Estimate g = Estimate.difference(-0.9, gains);
        assertEquals(-1.0, g.ci95().get(0), 1e-12);
        assertEquals(-0.9 + 0.475, g.ci95().get(1), 1e-9);
    }

    @Test
    void undefinedValuesAreNullAndLeftOut() {
        Estimate e = Estimate.of(new double[] {Double.NaN, 0.4, 0.6}, new double[] {0.4, 0.5, Double.NaN});
        assertEquals(0.5, e.mean(), 1e-12);
        assertEquals(Arrays.asList(null, 0.4, 0.6), e.values());
        Estimate none = Estimate.of(new double[] {Double.NaN}, new double[] {Double.NaN});
        assertNull(none.mean());
        assertNull(none.ci95());
    }

    /** Predictions of n items, the topic "a" right with probability {@code pRight}; "b" has no positives. */
    private static Predictions predictions(int n, double pRight, long seed) {
        Random r = new Random(seed);
        boolean[][] gold = new boolean[n][2];
        double[][] scores = new double[n][2];
        double[][] th = new double[n][];
        for (int i = 0; i < n; i++) {
            gold[i][0] = i % 3 == 0;
            boolean right = r.nextDouble() < pRight;
            scores[i][0] = gold[i][0] == right ? 0.9 : 0.1;
            scores[i][1] = 0.05;
            th[i] = new double[] {0.5, 0.5};
        }
        return new Predictions(0, TOPICS, gold, scores, th, new int[n]);
    }

    private static void assertInsideUnit(Estimate e, String what) {
        assertNotNull(e.ci95(), what);
        assertTrue(e.ci95().get(0) >= 0 && e.ci95().get(1) <= 1 && e.ci95().get(0) <= e.ci95().get(1),
                what + " " + e.ci95());
    }

    @Test
    void intervalsStayInsideZeroOneWhenAllRightAllWrongOrATopicHasNoPositives() {
        for (double pRight : new double[] {1.0, 0.0, 0.7}) {
            Predictions p = predictions(30, pRight, 3);
            Bootstrap.Resampled resampled = new Bootstrap(30, Bootstrap.RESAMPLES, 1).evaluate(List.of(p), true);
            RunReport.MetricsSummary s = Summaries.metrics(TOPICS, List.of(MetricValues.of(p)), resampled,
                    new long[] {10, 0});
            assertInsideUnit(s.macroF1(), "macro-F1 at " + pRight);
            assertInsideUnit(s.microF1(), "micro-F1 at " + pRight);
            assertInsideUnit(s.brier(), "Brier at " + pRight);
            assertInsideUnit(s.ece(), "ECE at " + pRight);
            assertInsideUnit(s.perTopic().get("a").f1(), "F1 a at " + pRight);
            assertInsideUnit(s.perTopic().get("a").prAuc(), "PR-AUC a at " + pRight);
            assertInsideUnit(s.perTopic().get("b").f1(), "F1 b (no positives) at " + pRight);
            assertNull(s.perTopic().get("b").rocAuc().mean(), "ROC-AUC without positives is undefined");
            if (pRight == 1.0) {
                assertEquals(List.of(1.0, 1.0), s.perTopic().get("a").f1().ci95(), "all right: [1, 1]");
            }
            if (pRight == 0.0) {
                assertEquals(List.of(0.0, 0.0), s.perTopic().get("a").f1().ci95(), "all wrong: [0, 0]");
            }
        }
    }
}

package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double EPS = 1e-9;

    @Test
    void precisionRecallAndF1FromConfusionCounts() {
        Confusion c = Confusion.of(new boolean[] {true, true, true, false, false, false},
                new boolean[] {true, true, false, true, false, false});
        assertEquals(new Confusion(2, 1, 1, 2), c);
        assertEquals(2.0 / 3, c.precision(), EPS);
        assertEquals(2.0 / 3, c.recall(), EPS);
        assertEquals(2.0 / 3, c.f1(), EPS);
        assertEquals(3, c.support());
    }

    @Test
    void zeroOverZeroCasesAreZero() {
        Confusion nothing = Confusion.of(new boolean[] {false, false}, new boolean[] {false, false});
        assertEquals(0.0, nothing.precision());
        assertEquals(0.0, nothing.recall());
        assertEquals(0.0, nothing.f1());
        Confusion missedAll = Confusion.of(new boolean[] {true, false}, new boolean[] {false, false});
        assertEquals(0.0, missedAll.precision());
        assertEquals(0.0, missedAll.f1());
    }

    @Test
    void macroAveragesTopicF1WhileMicroPoolsCounts() {
        Confusion a = new Confusion(8, 2, 0, 10); // F1 = 16/18
        Confusion b = new Confusion(0, 0, 2, 18); // F1 = 0
        assertEquals((16.0 / 18 + 0) / 2, Metrics.macroF1(new Confusion[] {a, b}), EPS);
        assertEquals(16.0 / (16 + 2 + 2), Metrics.microF1(new Confusion[] {a, b}), EPS);
    }

    @Test
    void subsetAccuracyNeedsTheExactSetAndHammingCountsWrongPairs() {
        boolean[][] gold = {{true, false}, {false, false}, {true, true}};
        boolean[][] pred = {{true, false}, {false, false}, {true, false}};
        assertEquals(2.0 / 3, Metrics.subsetAccuracy(gold, pred), EPS);
        assertEquals(1.0 / 6, Metrics.hammingLoss(gold, pred), EPS);
    }

    @Test
    void rocAucMatchesTheSklearnDocExample() {
        assertEquals(0.75, Metrics.rocAuc(new boolean[] {false, false, true, true},
                new double[] {0.1, 0.4, 0.35, 0.8}), EPS);
    }

    @Test
    void rocAucCountsTiedPositiveNegativePairsAsOneHalf() {
        assertEquals(0.5, Metrics.rocAuc(new boolean[] {false, true, false, true},
                new double[] {0.5, 0.5, 0.5, 0.5}), EPS);
        // pairs: (neg .5, pos .5) = 1/2, (neg .5, pos .9) = 1
        assertEquals(0.75, Metrics.rocAuc(new boolean[] {false, true, true}, new double[] {0.5, 0.5, 0.9}), EPS);
    }

    @Test
    void rocAucIsUndefinedWithOneClass() {
        assertTrue(Double.isNaN(Metrics.rocAuc(new boolean[] {true, true}, new double[] {0.1, 0.2})));
        assertTrue(Double.isNaN(Metrics.rocAuc(new boolean[] {false, false}, new double[] {0.1, 0.2})));
    }

    @Test
    void averagePrecisionMatchesTheSklearnDocExample() {
        assertEquals(0.8333333333, Metrics.averagePrecision(new boolean[] {false, false, true, true},
                new double[] {0.1, 0.4, 0.35, 0.8}), 1e-9);
    }

    @Test
    void averagePrecisionTakesTiedScoresTogether() {
        // threshold .5: P = 1/2, R = 1/2; threshold .2: P = 2/3, R = 1
        assertEquals(0.5 * 0.5 + 0.5 * 2.0 / 3, Metrics.averagePrecision(new boolean[] {true, false, true},
                new double[] {0.5, 0.5, 0.2}), EPS);
        assertTrue(Double.isNaN(Metrics.averagePrecision(new boolean[] {false}, new double[] {0.3})));
    }

    @Test
    void prCurveHasOnePointPerDistinctScore() {
        List<Metrics.PrPoint> c = Metrics.prCurve(new boolean[] {true, false, true}, new double[] {0.5, 0.5, 0.2});
        assertEquals(List.of(new Metrics.PrPoint(0.5, 0.5, 0.5), new Metrics.PrPoint(0.2, 1.0, 2.0 / 3)), c);
    }

    /*
     * Reference values for Brier, the reliability bins and ECE, computed independently with scikit-learn 1.2.1
     * (Debian python3-sklearn) by:
     *
     *   import numpy as np
     *   from sklearn.metrics import brier_score_loss
     *   from sklearn.calibration import calibration_curve
     *   gold = np.array([1,0,1,1,0,0,1,0,1,0,0,1,1,0,1,0])
     *   scores = np.array([0.93,0.12,0.67,0.45,0.38,0.05,0.81,0.71,0.64,0.14,0.97,0.33,0.36,0.02,0.88,0.61])
     *   print(repr(brier_score_loss(gold, scores)))                      # 0.21583124999999997
     *   prob_true, prob_pred = calibration_curve(gold, scores, n_bins=10, strategy="uniform")
     *   counts = np.histogram(scores, bins=np.linspace(0, 1, 11))[0]; counts = counts[counts > 0]
     *   print(prob_true, prob_pred, counts)
     *   print(repr(float(np.sum(counts * np.abs(prob_true - prob_pred)) / counts.sum())))  # 0.238125
     *
     * (no score lies on a bin edge, where sklearn's searchsorted and our floor would disagree).
     */
    private static final boolean[] CAL_GOLD = {true, false, true, true, false, false, true, false, true, false,
        false, true, true, false, true, false};
    private static final double[] CAL_SCORES = {0.93, 0.12, 0.67, 0.45, 0.38, 0.05, 0.81, 0.71, 0.64, 0.14, 0.97,
        0.33, 0.36, 0.02, 0.88, 0.61};

    @Test
    void brierMatchesScikitLearn() {
        assertEquals(0.21583124999999997, Metrics.brier(CAL_GOLD, CAL_SCORES), 1e-12);
    }

    @Test
    void reliabilityBinsMatchScikitLearnsCalibrationCurveSkippingEmptyBins() {
        List<Metrics.ReliabilityBin> bins = Metrics.reliability(CAL_GOLD, CAL_SCORES, 10);
        double[] from = {0.0, 0.1, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9};
        long[] items = {2, 2, 3, 1, 3, 1, 2, 2};
        double[] observed = {0.0, 0.0, 0.6666666666666666, 1.0, 0.6666666666666666, 0.0, 1.0, 0.5};
        double[] mean = {0.035, 0.13, 0.35666666666666663, 0.45, 0.64, 0.71, 0.845, 0.95};
        assertEquals(from.length, bins.size(), bins.toString());
        for (int b = 0; b < from.length; b++) {
            Metrics.ReliabilityBin bin = bins.get(b);
            assertEquals(from[b], bin.from(), 1e-12, "bin " + b);
            assertEquals(from[b] + 0.1, bin.to(), 1e-12, "bin " + b);
            assertEquals(items[b], bin.items(), "bin " + b);
            assertEquals(observed[b], bin.observedRate(), 1e-12, "bin " + b);
            assertEquals(mean[b], bin.meanScore(), 1e-12, "bin " + b);
        }
    }

    @Test
    void expectedCalibrationErrorIsTheItemWeightedGapOverTheBins() {
        assertEquals(0.238125, Metrics.expectedCalibrationError(CAL_GOLD, CAL_SCORES, 10), 1e-12);
    }
}

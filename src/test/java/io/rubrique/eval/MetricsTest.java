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
}

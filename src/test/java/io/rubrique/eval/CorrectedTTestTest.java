package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CorrectedTTestTest {
    @Test
    void matchesAHandComputedNadeauBengioStatistic() {
        // 5 folds x 2 repeats, n_test/n_train = 1/4; mean 0.02, sample variance 0.0001333...
        // t = 0.02 / sqrt((1/10 + 1/4) * 0.000133333) = 2.92770; p = 2 * P(T_9 > t) = 0.0168198 (scipy)
        double[] d = {0.02, 0.01, 0.03, 0.0, 0.02, 0.04, 0.01, 0.02, 0.03, 0.02};
        CorrectedTTest.Result r = CorrectedTTest.test(d, 0.25);
        assertEquals(0.02, r.meanDiff(), 1e-12);
        assertEquals(2.9277002188455996, r.t(), 1e-9);
        assertEquals(9, r.df());
        assertEquals(0.016819803632258438, r.p(), 1e-9);
    }

    @Test
    void halfTrainingRatioWidensTheVarianceMore() {
        CorrectedTTest.Result r = CorrectedTTest.test(new double[] {0.1, 0.2, 0.3, 0.2}, 1.0);
        assertEquals(2.1908902300206647, r.t(), 1e-9);
        assertEquals(0.11615752834753823, r.p(), 1e-9);
    }

    @Test
    void identicalRunsGiveNoDifference() {
        CorrectedTTest.Result r = CorrectedTTest.test(new double[] {0, 0, 0}, 0.5);
        assertEquals(0.0, r.t());
        assertEquals(1.0, r.p());
    }
}

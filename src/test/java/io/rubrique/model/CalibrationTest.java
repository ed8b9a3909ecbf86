package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.eval.Metrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Platt scaling of held-out scores: better probabilities, finite on separable data, one class handled. */
class CalibrationTest {
    @Test
    void plattScalingImprovesTheBrierScoreOfOverconfidentScores() {
        Random r = new Random(5);
        int n = 400;
        double[] raw = new double[n];
        boolean[] gold = new boolean[n];
        for (int i = 0; i < n; i++) {
            gold[i] = r.nextDouble() < 0.3;
            // a weak signal blown up: the logistic of these raw scores is near 0 or 1 and often wrong
            raw[i] = 8 * ((gold[i] ? 0.5 : -0.5) + r.nextGaussian());
        }
        double[] naive = new double[n];
        double[] platt = new double[n];
        Calibration c = Calibration.platt(raw, gold);
        for (int i = 0; i < n; i++) {
            naive[i] = Calibration.logistic().probability(raw[i]);
            platt[i] = c.probability(raw[i]);
        }
        double before = Metrics.brier(gold, naive);
        double after = Metrics.brier(gold, platt);
        assertTrue(after < before - 0.05, "Brier " + before + " -> " + after);
        assertTrue(Metrics.expectedCalibrationError(gold, platt, 10) < Metrics.expectedCalibrationError(gold, naive,
                10));
        assertTrue(c.a() > 0 && c.a() < 1, "the slope shrinks the overconfident scores: " + c.a());
    }

    @Test
    void perfectlySeparatedScoresGiveFiniteCalibration() {
        double[] raw = {-3, -2, -1.5, 1, 2, 4};
        boolean[] gold = {false, false, false, true, true, true};
        Calibration c = Calibration.platt(raw, gold);
        assertTrue(Double.isFinite(c.a()) && Double.isFinite(c.b()), c.toString());
        assertTrue(c.probability(4) < 1 && c.probability(-3) > 0, "smoothed targets keep probabilities inside");
        assertTrue(c.probability(1) > c.probability(-1.5));
    }

    @Test
    void oneClassGivesTheSmoothedClassFrequency() {
        Calibration c = Calibration.platt(new double[] {1, 2, 3}, new boolean[] {false, false, false});
        assertEquals("constant", c.method());
        assertEquals(1 / 5.0, c.probability(123), 1e-6);
    }

    @Test
    void rawForInvertsProbability() {
        Calibration c = new Calibration("platt", 1.7, -0.4);
        assertEquals(0.3, c.probability(c.rawFor(0.3)), 1e-12);
    }
}

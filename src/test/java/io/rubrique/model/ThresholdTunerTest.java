package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Choosing a topic's threshold from out-of-fold scores: best F1, median of tied cuts, clamped. */
class ThresholdTunerTest {
    private static final double MIN = 0.05;
    private static final double MAX = 0.95;

    @Test
    void perfectSeparationCutsBetweenTheClasses() {
        double t = ThresholdTuner.bestF1Threshold(new double[] {0.2, 0.9, 0.3, 0.8},
                new boolean[] {false, true, false, true}, MIN, MAX);
        assertEquals(0.55, t, 1e-12);
    }

    @Test
    void tiedBestCutsTakeTheMedianOne() {
        // Positives at ranks 1, 5 and 9 of 9: cutting after rank 1, 5 or 9 all give F1 = 0.5.
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
        boolean[] gold = {true, false, false, false, true, false, false, false, true};
        assertEquals(0.45, ThresholdTuner.bestF1Threshold(scores, gold, 0, 1), 1e-12);
    }

    @Test
    void equalScoresAreNeverSplit() {
        double t = ThresholdTuner.bestF1Threshold(new double[] {0.7, 0.7, 0.3},
                new boolean[] {true, false, false}, MIN, MAX);
        assertEquals(0.5, t, 1e-12);
    }

    @Test
    void theThresholdIsClampedToMinAndMax() {
        assertEquals(MAX, ThresholdTuner.bestF1Threshold(new double[] {0.999, 0.998, 0.1},
                new boolean[] {true, false, false}, MIN, MAX));
        assertEquals(MIN, ThresholdTuner.bestF1Threshold(new double[] {0.03, 0.01},
                new boolean[] {true, false}, MIN, MAX));
    }

    @Test
    void allPositivesCutBelowTheLowestScore() {
        double t = ThresholdTuner.bestF1Threshold(new double[] {0.6, 0.4, 0.5},
                new boolean[] {true, true, true}, 0, 1);
        assertTrue(t < 0.4 && t > 0.39, "threshold " + t);
    }

    @Test
    void noPositivesGiveTheMaximum() {
        assertEquals(MAX, ThresholdTuner.bestF1Threshold(new double[] {0.9, 0.1},
                new boolean[] {false, false}, MIN, MAX));
        assertEquals(MAX, ThresholdTuner.bestF1Threshold(new double[0], new boolean[0], MIN, MAX));
    }
}

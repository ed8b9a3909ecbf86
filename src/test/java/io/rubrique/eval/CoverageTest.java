package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The report's 95% intervals cover the macro-F1 of new items about 95% of the time (a loose bound: 30 trials;
 * {@link CoverageSimulation#main} measures it with many).
 */
class CoverageTest {
    @Test
    void theNinetyFivePercentIntervalCoversTheFigureOnNewItemsMostOfTheTime() {
        CoverageSimulation.Result r = CoverageSimulation.run(30, 50, 3000, 5, new KeywordTrainer());
        assertTrue(r.coverage() >= 0.75, "covered " + r.covered() + " of " + r.trials());
        assertTrue(r.meanWidth() < 0.5, "intervals this wide say nothing: " + r.meanWidth());
    }
}

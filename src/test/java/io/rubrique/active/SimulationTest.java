package io.rubrique.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.eval.SyntheticData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The active-learning simulation: rounds, budget, paired splits, determinism. */
class SimulationTest {
    private static final ExperimentConfig FAST = ExperimentConfig.parse("{\"features\": {\"char_ngram_min\": 0},"
            + " \"learner\": {\"type\": \"liblinear\"}, \"thresholds\": {\"inner_folds\": 3}}", "test");

    private static Simulation.Setup setup(List<String> strategies, long seed) {
        List<LabelledItem> items = SyntheticData.items(90, 5);
        return new Simulation.Setup(SyntheticData.TOPICS, items.subList(0, 12), items.subList(12, 90), List.of(),
                0.3, 0, 8, 24, strategies, 2, seed, FAST, 2, List.of());
    }

    @Test
    void everyStrategyQueriesItsBudgetInBatchesAndIsScoredOnTheSameHeldBackItems() {
        Simulation.Result r = new Simulation(setup(List.of("uncertainty", "random"), 3)).run(s -> { });
        assertEquals(List.of("uncertainty", "random"), List.copyOf(r.rounds().keySet()));
        assertTrue(r.testSize() >= 20 && r.testSize() <= 26, "about 30% of 78 held back: " + r.testSize());
        for (List<List<Simulation.Round>> reps : r.rounds().values()) {
            assertEquals(2, reps.size());
            for (List<Simulation.Round> rounds : reps) {
                assertEquals(List.of(0, 8, 16, 24), rounds.stream().map(Simulation.Round::queried).toList());
                assertEquals(12, rounds.get(0).labels());
                assertEquals(36, rounds.get(3).labels());
                rounds.forEach(x -> assertTrue(x.macroF1() >= 0 && x.macroF1() <= 1));
            }
        }
        for (int rep = 0; rep < 2; rep++) {
            assertEquals(r.rounds().get("random").get(rep).get(0), r.rounds().get("uncertainty").get(rep).get(0),
                    "round 0 is the same start model scored on the same test items");
        }
    }

    @Test
    void theSameSeedGivesTheSameCurves() {
        Simulation.Result a = new Simulation(setup(List.of("rare-uncertainty", "random"), 7)).run(s -> { });
        Simulation.Result b = new Simulation(setup(List.of("rare-uncertainty", "random"), 7)).run(s -> { });
        assertEquals(a.rounds(), b.rounds());
    }

    @Test
    void theReportSaysWhatEachStrategyGainsOverRandom() {
        Simulation.Result r = new Simulation(setup(List.of("uncertainty", "random"), 3)).run(s -> { });
        SimulationReport rep = SimulationReport.of("run", "t0", "t1", r, java.util.Map.of(), "held back",
                java.util.Map.of(), "rev");
        SimulationReport.StrategyCurve u = rep.strategies().get("uncertainty");
        assertEquals(4, u.points().size());
        SimulationReport.Figure g = u.points().get(3).gainOverRandom();
        assertTrue(g.ci95().get(0) <= g.mean() && g.mean() <= g.ci95().get(1), g.toString());
        assertTrue(rep.summary().contains("over random"), rep.summary());
        assertEquals(0.0, rep.strategies().get("random").points().get(2).gainOverRandom().mean(), 1e-12);
    }

    @Test
    void anUnknownStrategyIsRefusedBeforeAnythingRuns() {
        assertThrows(IllegalArgumentException.class, () -> setup(List.of("psychic"), 1));
    }
}

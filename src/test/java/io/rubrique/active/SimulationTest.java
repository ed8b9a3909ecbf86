package io.rubrique.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.SyntheticData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        SimulationReport rep = SimulationReport.of("run", "t0", "t1", r, Map.of(), "held back",
                Map.of(), "rev");
        SimulationReport.StrategyCurve u = rep.strategies().get("uncertainty");
        assertEquals(4, u.points().size());
        SimulationReport.Figure g = u.points().get(3).gainOverRandom();
        assertTrue(g.ci95().get(0) <= g.mean() && g.mean() <= g.ci95().get(1), g.toString());
        assertTrue(rep.summary().contains("over random"), rep.summary());
        for (int rep0 = 0; rep0 < 2; rep0++) {
            assertEquals(r.rounds().get("uncertainty").get(rep0).get(3).macroF1()
                    - r.rounds().get("random").get(rep0).get(3).macroF1(), g.values().get(rep0), 1e-12,
                    "the gain is paired: same repeat, same round");
        }
    }

    @Test
    void gainsOverRandomAndLabelsToReachItComeFromThePairedRounds() {
        // Two repeats of two rounds; random ends at macro-F1 0.4 (mean of 0.3 and 0.5).
        Map<String, List<List<Simulation.Round>>> rounds = new LinkedHashMap<>();
        rounds.put("uncertainty", List.of(List.of(round(0, 0.2), round(8, 0.5)), List.of(round(0, 0.1),
                round(8, 0.7))));
        rounds.put("random", List.of(List.of(round(0, 0.2), round(8, 0.3)), List.of(round(0, 0.1), round(8, 0.5))));
        SimulationReport rep = SimulationReport.of("run", "t0", "t1", new Simulation.Result(
                setup(List.of("uncertainty", "random"), 1), rounds, 60, 20), Map.of(), "held back", Map.of(), "rev");
        SimulationReport.StrategyCurve u = rep.strategies().get("uncertainty");
        assertEquals(List.of(0.0, 0.0), u.points().get(0).gainOverRandom().values());
        assertEquals(0.2, u.points().get(1).gainOverRandom().values().get(0), 1e-12);
        assertEquals(0.2, u.points().get(1).gainOverRandom().values().get(1), 1e-12);
        assertEquals(0.2, u.finalGainOverRandom(), 1e-12);
        assertEquals(0.6, u.points().get(1).macroF1().mean(), 1e-12);
        assertEquals(8, u.labelsToReachRandomFinal(), "0.6 at 8 queried labels passes random's final 0.4");
        assertEquals(8, rep.strategies().get("random").labelsToReachRandomFinal());
    }

    private static Simulation.Round round(int queried, double macro) {
        Map<String, Double> f1 = new LinkedHashMap<>();
        SyntheticData.TOPICS.ids().forEach(t -> f1.put(t, macro));
        return new Simulation.Round(queried, 12 + queried, macro, macro, f1);
    }

    /*
     * Reference F1 values computed with scikit-learn 1.2.1 (python3-sklearn):
     *   from sklearn.metrics import f1_score
     *   Y = [[1,0,0,0],[1,1,0,0],[0,0,0,0],[0,1,0,0],[1,0,0,0],[0,0,0,0]]
     *   P = [[1,0,0,0],[0,1,0,0],[1,0,1,0],[0,1,0,0],[1,0,0,0],[0,0,0,0]]
     *   f1_score(Y, P, average="macro", zero_division=0)   # 0.41666666666666663
     *   f1_score(Y, P, average="micro", zero_division=0)   # 0.7272727272727272
     *   f1_score(Y, P, average=None, zero_division=0)      # [0.6667, 1.0, 0.0, 0.0]
     */
    @Test
    void simulationF1MatchesScikitLearn() {
        TopicSet topics = TopicSet.defaults();
        int[][] gold = {{1, 0, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}};
        int[][] predicted = {{1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}};
        List<LabelledItem> test = new ArrayList<>();
        Map<String, double[]> scores = new HashMap<>();
        for (int i = 0; i < gold.length; i++) {
            Set<String> on = new HashSet<>();
            double[] s = new double[topics.size()];
            for (int k = 0; k < topics.size(); k++) {
                if (gold[i][k] == 1) {
                    on.add(topics.ids().get(k));
                }
                s[k] = predicted[i][k];
            }
            test.add(new LabelledItem("i" + i, ItemKind.TEASER, "", "", "texte " + i, on));
            scores.put("texte " + i, s);
        }
        StubModel model = new StubModel(topics, scores, new double[] {0.5, 0.5, 0.5, 0.5});
        Simulation.Round r = Simulation.score(topics, model, test, 8, 20);
        assertEquals(0.41666666666666663, r.macroF1(), 1e-12);
        assertEquals(0.7272727272727272, r.microF1(), 1e-12);
        assertEquals(List.of(2.0 / 3, 1.0, 0.0, 0.0), List.copyOf(r.f1().values()));
        assertEquals(topics.ids(), List.copyOf(r.f1().keySet()));
        assertEquals(0.0, Simulation.score(topics, null, test, 0, 0).macroF1(), "no model predicts nothing");
    }

    @Test
    void anUnknownStrategyIsRefusedBeforeAnythingRuns() {
        assertThrows(IllegalArgumentException.class, () -> setup(List.of("psychic"), 1));
    }
}

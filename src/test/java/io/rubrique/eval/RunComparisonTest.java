package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.LabelSet;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.RunComparison.Comparison;
import io.rubrique.eval.RunComparison.IncomparableRunsException;
import io.rubrique.eval.RunComparison.MetricComparison;
import io.rubrique.model.Trainer;
import io.rubrique.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {
    @TempDir
    Path runs;

    private final LabelSet data = SyntheticData.labelSet(60, 1);

    private JsonNode report(LabelSet d, long seed, Trainer trainer) {
        RunOutcome o = EvaluationRun.evaluate(io.rubrique.model.TrainingSet.of(d), EvalFixtures.config("tiny", 3, 2), trainer, seed, Optional.empty(),
                runs, "evaluate", Map.of(), EvalFixtures.options(EvalFixtures.T0).withCurveRepeats(0));
        return Json.mapper().valueToTree(o.report());
    }

    @Test
    void refusesRunsOnDifferentData() {
        JsonNode a = report(data, 7, new KeywordTrainer());
        JsonNode b = report(SyntheticData.labelSet(data.items(), "another-digest"), 7, new KeywordTrainer());
        IncomparableRunsException e = assertThrows(IncomparableRunsException.class, () -> RunComparison.compare(a, b));
        assertTrue(e.getMessage().startsWith("different data"), e.getMessage());
    }

    @Test
    void refusesRunsOnDifferentFolds() {
        JsonNode a = report(data, 7, new KeywordTrainer());
        JsonNode b = report(data, 8, new KeywordTrainer());
        IncomparableRunsException e = assertThrows(IncomparableRunsException.class, () -> RunComparison.compare(a, b));
        assertTrue(e.getMessage().startsWith("different folds"), e.getMessage());
    }

    @Test
    void refusesWhenTheAssignmentsDifferDespiteEqualSettings() {
        JsonNode a = report(data, 7, new KeywordTrainer());
        JsonNode b = report(data, 7, new KeywordTrainer()).deepCopy();
        var row = (com.fasterxml.jackson.databind.node.ArrayNode) b.at("/protocol/assignment/0");
        int f0 = row.get(0).asInt();
        row.set(0, (f0 + 1) % 3);
        IncomparableRunsException e = assertThrows(IncomparableRunsException.class, () -> RunComparison.compare(a, b));
        assertTrue(e.getMessage().contains("fold assignments"), e.getMessage());
    }

    @Test
    void aRunComparedWithItselfShowsNoDifference() throws IncomparableRunsException {
        JsonNode a = report(data, 7, new KeywordTrainer());
        Comparison c = RunComparison.compare(a, a);
        assertEquals(3 + 2 + TopicSet.defaults().size(), c.metrics().size());
        for (MetricComparison m : c.metrics()) {
            assertEquals(0.0, m.diff());
            assertEquals(1.0, m.p());
            assertTrue(m.verdict().startsWith("no significant difference on " + m.metric()), m.verdict());
        }
    }

    @Test
    void aUselessTrainerLosesSignificantlyOnMacroF1() throws IncomparableRunsException {
        Trainer constant = (set, seed) -> new KeywordTrainer().train(set.withItems(List.of(), "none"), seed);
        JsonNode good = report(data, 7, new KeywordTrainer());
        JsonNode bad = report(data, 7, constant);
        Comparison c = RunComparison.compare(bad, good);
        MetricComparison macro = c.metrics().get(0);
        assertEquals("macro_f1", macro.metric());
        assertTrue(macro.diff() > 0.3, String.valueOf(macro.diff()));
        assertTrue(macro.verdict().startsWith("B is better on macro_f1 (p = "), macro.verdict());
        assertEquals(5, macro.df());
        assertEquals(0.5, c.testTrainRatio(), 0.02);
    }
}

package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.report.Charts;
import io.rubrique.eval.report.JsonFiles;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationRunTest {
    @TempDir
    Path runs;

    private final LabelSet data = SyntheticData.labelSet(60, 1);

    @Test
    void runFolderHoldsReportsChartsAndPredictionsAndNothingElseIsLeftAround() throws IOException {
        RunResult r = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), EvalFixtures.T0);
        assertEquals(runs.resolve("20250301T100000Z-tiny"), r.runDir());
        for (String f : List.of("report.json", "report.md", "report.html", "predictions.jsonl", "charts/f1.png",
                "charts/confusion.png", "charts/pr_curves.png", "charts/learning_curve.png",
                "charts/reliability.png")) {
            assertTrue(Files.size(r.runDir().resolve(f)) > 0, f);
        }
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(List.of(r.runDir()), s.toList());
        }
        // one line per item and repeat
        List<String> lines = Files.readAllLines(r.runDir().resolve(JsonFiles.PREDICTIONS));
        assertEquals(60 * 2, lines.size());
        JsonNode first = Json.mapper().readTree(lines.get(0));
        for (String k : List.of("repeat", "fold", "id", "gold", "predicted", "scores", "thresholds")) {
            assertTrue(first.has(k), k);
        }
    }

    @Test
    void reportJsonHasTheDocumentedKeys() throws IOException {
        RunResult r = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), EvalFixtures.T0);
        JsonNode j = RunStore.read(r.runDir());
        for (String k : List.of("run_id", "started_at", "finished_at", "kind", "config", "topics", "data",
                "protocol", "intervals", "metrics", "reliability", "per_fold", "learning_curve", "thresholds",
                "pr_curves", "errors", "timings", "versions", "code_revision")) {
            assertTrue(j.has(k), k);
        }
        assertEquals("evaluate", j.get("kind").asText());
        assertEquals(7, j.at("/config/evaluation/seed").asLong());
        assertEquals(data.sha256(), j.at("/data/sha256").asText());
        assertEquals(60, j.at("/data/items").asInt());
        assertTrue(j.at("/data/per_topic/digital").isInt());
        assertEquals(2, j.at("/protocol/assignment").size());
        assertEquals(60, j.at("/protocol/assignment/0").size());
        assertEquals(60, j.at("/protocol/item_ids").size());
        assertTrue(j.at("/intervals/meaning").asText().contains("new items"));
        assertEquals(Bootstrap.RESAMPLES, j.at("/intervals/resamples").asInt());
        for (String m : List.of("macro_f1", "micro_f1", "subset_accuracy", "hamming_loss", "brier", "ece")) {
            assertEstimate(j.at("/metrics/" + m), m);
        }
        for (String t : TopicSet.defaults().ids()) {
            JsonNode topic = j.at("/metrics/per_topic/" + t);
            for (String m : List.of("precision", "recall", "f1", "roc_auc", "pr_auc", "brier", "ece")) {
                assertEstimate(topic.get(m), t + "." + m);
            }
            assertTrue(topic.get("support").asInt() > 0);
            assertTrue(j.at("/thresholds/" + t).has("mean"));
        }
        assertEquals(6, j.get("per_fold").size());
        assertTrue(j.at("/per_fold/0/f1/digital").isNumber());
        assertEquals(4, j.at("/learning_curve/points").size());
        assertEquals(1, j.at("/learning_curve/repeats").asInt());
        assertTrue(j.at("/learning_curve/last_step/advice").asText().contains("macro-F1"));
        assertEstimateInsideUnit(j.at("/learning_curve/points/0/macro_f1"), "curve point");
        assertTrue(j.at("/reliability/digital/0/items").asInt() > 0);
        List<String> order = new java.util.ArrayList<>();
        j.at("/metrics/per_topic").fieldNames().forEachRemaining(order::add);
        assertEquals(TopicSet.defaults().ids(), order, "per-topic metrics keep the declared topic order");
        assertTrue(j.at("/timings/total_ms").isNumber());
        assertTrue(j.at("/versions/weka").isTextual());
        assertTrue(j.get("errors").size() <= EvaluationRun.ERROR_ROWS);
    }

    private static void assertEstimate(JsonNode e, String what) {
        assertNotNull(e, what);
        assertTrue(e.get("mean").isNumber(), what);
        assertEquals(2, e.get("ci95").size(), what);
        assertEquals(2, e.get("values").size(), what);
        assertTrue(e.get("repeat_sd").isNumber(), what);
    }

    private static void assertEstimateInsideUnit(JsonNode e, String what) {
        double lo = e.get("ci95").get(0).asDouble();
        double hi = e.get("ci95").get(1).asDouble();
        assertTrue(0 <= lo && lo <= hi && hi <= 1, what + " " + e.get("ci95"));
    }

    @Test
    void aFailingRendererLeavesNoFolder() {
        RunWriter failing = new RunWriter(List.of(JsonFiles::write, (outcome, charts, dir) -> {
            throw new IOException("renderer exploded");
        }));
        IOException e = assertThrows(IOException.class, () -> EvaluationRun.run(io.rubrique.model.TrainingSet.of(data),
                EvalFixtures.config("tiny", 3, 2), new KeywordTrainer(), 7, Optional.empty(), runs, "evaluate",
                Map.of(), EvalFixtures.options(EvalFixtures.T0).withWriter(failing)));
        assertEquals("renderer exploded", e.getMessage());
        assertTrue(runs.toFile().list().length == 0, String.join(",", runs.toFile().list()));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws IOException {
        ExperimentFixture one = evaluate(1);
        ExperimentFixture three = evaluate(3);
        assertEquals(one.metrics(), three.metrics());
        assertEquals(one.folds(), three.folds());
    }

    private record ExperimentFixture(JsonNode metrics, JsonNode folds) {
    }

    private ExperimentFixture evaluate(int threads) {
        RunOutcome o = EvaluationRun.evaluate(io.rubrique.model.TrainingSet.of(data), EvalFixtures.config("tiny", 3, 2), new KeywordTrainer(), 9,
                Optional.empty(), runs, "evaluate", Map.of(), EvalFixtures.options(EvalFixtures.T0)
                        .withThreads(threads));
        JsonNode j = Json.mapper().valueToTree(o.report());
        j.get("per_fold").forEach(f -> ((ObjectNode) f).remove("train_ms"));
        return new ExperimentFixture(j.get("metrics"), j.get("per_fold"));
    }

    @Test
    void sameSecondRunsGetDistinctFolders() throws IOException {
        Path a = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), EvalFixtures.T0).runDir();
        Path b = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), EvalFixtures.T0).runDir();
        assertEquals("20250301T100000Z-tiny-2", b.getFileName().toString());
        assertTrue(Files.exists(a.resolve("report.json")));
    }

    @Test
    void testSetIsScoredAndReported() throws IOException {
        List<LabelledItem> heldOut = SyntheticData.items(20, 99).stream().map(i -> new LabelledItem("test-" + i.id(),
                i.kind(), i.source(), i.title(), i.text(), i.topics())).toList();
        RunResult r = EvaluationRun.run(io.rubrique.model.TrainingSet.of(data), EvalFixtures.config("tiny", 3, 2), new KeywordTrainer(), 7,
                Optional.of(SyntheticData.labelSet(heldOut, "test-sha")), runs, "evaluate", Map.of(),
                EvalFixtures.options(EvalFixtures.T0));
        assertEquals(20, r.report().test().data().items());
        assertEquals(20, Files.readAllLines(r.runDir().resolve(JsonFiles.TEST_PREDICTIONS)).size());
        assertTrue(r.report().test().metrics().macroF1().mean() > 0.5, "keyword trainer should do well on synthetic data");
        assertNotNull(r.report().test().metrics().macroF1().ci95(), "test-set figures have intervals too");
    }

    @Test
    void testSetSharingItemIdsWithTheDataIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluationRun.run(io.rubrique.model.TrainingSet.of(data),
                EvalFixtures.config("tiny", 3, 2), new KeywordTrainer(), 7,
                Optional.of(SyntheticData.labelSet(data.items().subList(0, 5), "x")), runs, "evaluate", Map.of(),
                EvalFixtures.options(EvalFixtures.T0)));
        assertTrue(e.getMessage().contains("shares 5 item id(s)"), e.getMessage());
        assertEquals(0, runs.toFile().list().length);
    }

    @Test
    void htmlReportIsSelfContained() throws IOException {
        RunResult r = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), EvalFixtures.T0);
        String html = Files.readString(r.runDir().resolve("report.html"));
        assertTrue(html.contains("src=\"data:image/png;base64,"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
        assertTrue(html.contains("Most confidently wrong"));
        String md = Files.readString(r.runDir().resolve("report.md"));
        assertTrue(md.contains("](" + Charts.DIR + "/" + Charts.F1 + ")"));
    }

    @Test
    void extraFieldsFromTheCallerAreRecorded() throws IOException {
        RunResult r = EvaluationRun.run(io.rubrique.model.TrainingSet.of(data), EvalFixtures.config("tiny", 3, 2), new KeywordTrainer(), 7,
                Optional.empty(), runs, "train", Map.of("model_path", "models/tiny", "model_sha256", "abc"),
                EvalFixtures.options(EvalFixtures.T0));
        JsonNode j = RunStore.read(r.runDir());
        assertEquals("train", j.get("kind").asText());
        assertEquals("models/tiny", j.at("/extra/model_path").asText());
        assertEquals("abc", j.at("/extra/model_sha256").asText());
    }
}

package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.SeedLabels;
import io.rubrique.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's commands from the command line: suggest and simulate. */
class LoopCommandsTest {
    private static final String FAST = "src/test/resources/core/fixed-liblinear.json";
    private static final String LABELS = SeedLabels.DIR.toString();

    @TempDir
    Path tmp;

    /** A pool of made-up teasers, one a copy of a labelled seed item and one a duplicate of another. */
    private Path pool() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] subjects = {"la coopération numérique avec le Japon", "un exercice de la marine", "le 14e Congrès",
            "un festival de musique", "la visite du président de l'Inde", "les données de santé"};
        for (int i = 0; i < 12; i++) {
            lines.add(Json.mapper().writeValueAsString(java.util.Map.of("id", "p" + i, "kind", "teaser", "title",
                    "Dépêche " + i, "text", "Article " + i + " sur " + subjects[i % subjects.length] + ".")));
        }
        lines.add("{\"id\":\"dup\",\"kind\":\"teaser\",\"title\":\"Copie\",\"text\":\"Article 3 sur un festival de musique.\"}");
        JsonNode seed = Json.mapper().readTree(Files.readAllLines(SeedLabels.SNIPPETS).get(1));
        lines.add("{\"id\":\"seen\",\"kind\":\"teaser\",\"title\":\"x\",\"text\":" + seed.get("text") + "}");
        Path f = tmp.resolve("inbox.jsonl");
        Files.write(f, lines);
        return f;
    }

    @Test
    void suggestWritesRankedJsonLinesWithReasonsSkippingLabelledAndDuplicateItems() throws Exception {
        Path model = tmp.resolve("model");
        assertEquals(0, rubrique("train", "--no-eval", "--labels", LABELS, "--config", FAST, "--model", model.toString()).code());
        Path out = tmp.resolve("suggested.jsonl");
        Outcome o = rubrique("suggest", "--pool", pool().toString(), "--labels", LABELS, "--model", model.toString(), "--n", "5",
                "--strategy", "uncertainty", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("12 candidate(s) (1 already labelled, 1 duplicate(s) skipped)"), o.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(5, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = Json.mapper().readTree(lines.get(i));
            assertEquals(i + 1, n.get("rank").asInt());
            assertTrue(n.get("id").asText().startsWith("p"), n.toString());
            assertEquals("uncertain", n.at("/reason/kind").asText());
            assertTrue(n.at("/reason/threshold").isNumber() && n.at("/reason/score").isNumber(), n.toString());
            assertFalse(n.at("/reason/why").asText().isBlank());
        }
    }

    @Test
    void suggestWithoutAModelStartsCold() throws Exception {
        Outcome o = rubrique("suggest", "--pool", pool().toString(), "--labels", LABELS, "--model",
                tmp.resolve("none").toString(),
                "--n", "4");
        assertEquals(1, o.code(), "a named model that does not exist is an error: " + o.err());
        o = CliRun.command(new SuggestCommand(), "--pool", pool().toString(), "--labels", LABELS, "--n", "4",
                "--strategy", "cold-start");
        assertEquals(0, o.code(), o.err());
        assertEquals(4, o.out().lines().count(), o.out());
    }

    @Test
    void simulateWritesAReportComparingStrategiesWithRandom() throws Exception {
        Path runs = tmp.resolve("runs");
        List<String> lines = Files.readAllLines(SeedLabels.SNIPPETS);
        Path oracle = tmp.resolve("oracle.jsonl");
        Files.write(oracle, lines.subList(9, lines.size()));
        Path start = tmp.resolve("start.jsonl");
        Files.write(start, lines.subList(0, 9));
        Files.copy(SeedLabels.TOPICS, tmp.resolve("topics.json"));
        Outcome o = rubrique("simulate", "--labels", oracle.toString(), "--start-with", start.toString(),
                "--batch", "5", "--budget", "10", "--repeats", "1", "--strategies", "uncertainty", "--config", FAST,
                "--runs-dir", runs.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("note: adding the random baseline"), o.err());
        Path run = Files.list(runs).findFirst().orElseThrow();
        for (String f : List.of("report.json", "report.md", "report.html", "charts/simulation.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        JsonNode r = Json.mapper().readTree(run.resolve("report.json").toFile());
        assertEquals("simulate", r.get("kind").asText());
        assertEquals(3, r.at("/strategies/uncertainty/points").size());
        assertTrue(r.at("/data/start/sha256").asText().length() == 64);
        assertTrue(o.out().contains("over random"), o.out());
    }

    @Test
    void aBadUnlabelledFileIsRefusedNamingTheLineAndNoModelIsWritten() throws Exception {
        Path bad = tmp.resolve("inbox.jsonl");
        Files.writeString(bad, "{\"id\":\"u1\",\"text\":\"ok\"}\n{\"id\":\"u2\",\"title\":3,\"text\":\"x\"}\n");
        Path cfg = tmp.resolve("self.json");
        Files.writeString(cfg, "{\"learner\": {\"type\": \"smo\"}, \"unlabelled\": {\"method\": \"self-training\"}}");
        Path model = tmp.resolve("model");
        Outcome o = rubrique("train", "--no-eval", "--labels", LABELS, "--config", cfg.toString(), "--model", model.toString(),
                "--unlabelled", bad.toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains(bad + ":2: title: must be a string"), o.err());
        assertFalse(Files.exists(model), "nothing written");
    }

    @Test
    void trainRecordsTheUnlabelledItemsItLearntFrom() throws Exception {
        Path inbox = pool();
        Path cfg = tmp.resolve("self.json");
        Files.writeString(cfg, "{\"learner\": {\"type\": \"smo\"}, \"thresholds\": {\"inner_folds\": 3}, "
                + "\"unlabelled\": {\"method\": \"self-training\", \"per_topic\": 3}}");
        Path model = tmp.resolve("model");
        Outcome o = rubrique("train", "--no-eval", "--labels", LABELS, "--config", cfg.toString(), "--model", model.toString(),
                "--unlabelled", inbox.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode m = Json.mapper().readTree(io.rubrique.model.ModelArtifact.resolve(model)
                .resolve("manifest.json").toFile());
        assertEquals(13, m.at("/unlabelled/items").asInt(), "14 inbox lines, one of them already labelled");
        assertTrue(o.err().contains("(1 already labelled left out)"), o.err());
        assertEquals("self-training", m.at("/unlabelled/method").asText());
        assertEquals(64, m.at("/unlabelled/sha256").asText().length());
        assertTrue(m.at("/training/per_topic/digital/pseudo_positives").asInt()
                + m.at("/training/per_topic/digital/pseudo_negatives").asInt() > 0, m.at("/training").toString());
    }
}

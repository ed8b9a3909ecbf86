package io.rubrique.cli;

import static io.rubrique.cli.CliRun.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelFiles;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.EvalFixtures;
import io.rubrique.eval.KeywordTrainer;
import io.rubrique.eval.Progress;
import io.rubrique.eval.SyntheticData;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate, compare and runs commands end to end, with the fake trainer. */
class EvalCommandsTest {
    @TempDir
    Path tmp;

    private static EvaluateCommand evaluate() {
        return new EvaluateCommand(c -> new KeywordTrainer(), EvalFixtures.options(Instant.now())
                .withProgress((task, n) -> Progress.silent()));
    }

    private Path labels(String name, List<LabelledItem> items) throws IOException {
        return LabelFiles.write(tmp.resolve(name), items);
    }

    private Path config() throws IOException {
        return Files.writeString(tmp.resolve("tiny.json"),
                "{\"name\": \"tiny\", \"evaluation\": {\"folds\": 3, \"repeats\": 2, \"seed\": 5}}");
    }

    @Test
    void evaluateWritesARunAndPrintsHeadlineFigures() throws IOException {
        Path runs = tmp.resolve("runs");
        Outcome o = command(evaluate(), "--labels", labels("l.jsonl", SyntheticData.items(45, 2)).toString(),
                "--config", config().toString(), "--repeats", "3", "--seed", "11", "--curve-repeats", "0",
                "--runs-dir", runs.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("run: " + runs), o.out());
        assertTrue(o.out().contains("macro-F1 0."), o.out());
        assertTrue(o.out().contains("F1 bilateral-relations"), o.out());
        Path runDir = Path.of(o.out().lines().findFirst().orElseThrow().substring(5));
        JsonNode report = Json.mapper().readTree(runDir.resolve("report.json").toFile());
        assertEquals(3, report.at("/protocol/repeats").asInt());
        assertEquals(3, report.at("/protocol/folds").asInt());
        assertEquals(11, report.at("/protocol/seed").asInt());
        assertEquals("tiny", report.at("/config/name").asText());
    }

    @Test
    void evaluateNamesAMissingLabelFile() {
        Outcome o = command(evaluate(), "--labels", tmp.resolve("nope.jsonl").toString(), "--runs-dir",
                tmp.resolve("runs").toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("nope.jsonl: no such file"), o.err());
    }

    @Test
    void compareRefusesDifferentDataAndFoldsAndComparesSameFolds() throws IOException {
        Path runs = tmp.resolve("runs");
        LabelSet data = SyntheticData.labelSet(45, 4);
        String a = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), Instant.parse("2025-01-01T10:00:00Z"))
                .runDir().getFileName().toString();
        String sameFolds = EvalFixtures.run(runs, data, 7, (set, seed) -> new KeywordTrainer().train(
                set.withItems(set.items().subList(0, set.items().size() / 2), "half"), seed), Instant.parse("2025-01-01T11:00:00Z")).runDir().toString();
        String otherSeed = EvalFixtures.run(runs, data, 8, new KeywordTrainer(),
                Instant.parse("2025-01-01T12:00:00Z")).runDir().toString();
        String otherData = EvalFixtures.run(runs, SyntheticData.labelSet(data.items(), "other"), 7,
                new KeywordTrainer(), Instant.parse("2025-01-01T13:00:00Z")).runDir().toString();

        Outcome ok = command(new CompareCommand(), a, sameFolds, "--runs-dir", runs.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("macro_f1"), ok.out());
        assertTrue(ok.out().contains("f1.party-congress"), ok.out());
        assertTrue(ok.out().lines().anyMatch(l -> l.matches("(A is better|B is better|no significant difference) "
                + "on macro_f1 \\(p = .*\\)")), ok.out());

        Outcome json = command(new CompareCommand(), a, sameFolds, "--runs-dir", runs.toString(), "--json");
        assertEquals(0, json.code());
        assertEquals(5 + 4, Json.mapper().readTree(json.out()).get("metrics").size(), "3 F1 kinds, Brier, ECE, 4 topics");

        Outcome folds = command(new CompareCommand(), a, otherSeed, "--runs-dir", runs.toString());
        assertEquals(1, folds.code());
        assertTrue(folds.err().contains("different folds"), folds.err());

        Outcome dataDiff = command(new CompareCommand(), a, otherData, "--runs-dir", runs.toString());
        assertEquals(1, dataDiff.code());
        assertTrue(dataDiff.err().contains("different data"), dataDiff.err());
    }

    @Test
    void compareShowsForEachRunTheMacroF1ItsReportShows() throws IOException {
        Path runs = tmp.resolve("runs");
        LabelSet data = SyntheticData.labelSet(45, 4);
        Path a = EvalFixtures.run(runs, data, 7, new KeywordTrainer(), Instant.parse("2025-01-01T10:00:00Z")).runDir();
        Path b = EvalFixtures.run(runs, data, 7, (set, seed) -> new KeywordTrainer().train(
                set.withItems(set.items().subList(0, set.items().size() / 2), "half"), seed),
                Instant.parse("2025-01-01T11:00:00Z")).runDir();

        Outcome o = command(new CompareCommand(), a.toString(), b.toString(), "--runs-dir", runs.toString());
        assertEquals(0, o.code(), o.err());
        String[] row = o.out().lines().filter(l -> l.startsWith("macro_f1 ")).findFirst().orElseThrow().trim()
                .split("\\s+");
        for (int i = 0; i < 2; i++) {
            Path run = i == 0 ? a : b;
            double shown = Json.mapper().readTree(run.resolve("report.json").toFile()).at("/metrics/macro_f1/mean")
                    .asDouble();
            String figure = String.format(java.util.Locale.ROOT, "%.3f", shown);
            assertEquals(figure, row[1 + i], "run " + (char) ('A' + i) + "'s macro-F1 as its report shows it: " + o.out());
            assertTrue(Files.readString(run.resolve("report.md")).contains("| macro-F1 | " + figure + " |"),
                    "report.md shows " + figure);
        }
        assertTrue(o.out().contains("fold mean"), "the per-fold statistic is named: " + o.out());
    }

    @Test
    void runsListsNewestFirstAndSkipsUnreadableFolders() throws IOException {
        Path runs = tmp.resolve("runs");
        LabelSet data = SyntheticData.labelSet(45, 4);
        EvalFixtures.run(runs, data, 7, new KeywordTrainer(), Instant.parse("2025-01-01T10:00:00Z"));
        EvalFixtures.run(runs, data, 7, new KeywordTrainer(), Instant.parse("2025-02-01T10:00:00Z"));
        Files.createDirectories(runs.resolve("broken"));
        Files.writeString(runs.resolve("broken/report.json"), "{not json");

        Outcome o = command(new RunsCommand(), "--runs-dir", runs.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(3, lines.size(), o.out());
        assertTrue(lines.get(1).startsWith("20250201T100000Z-tiny"), o.out());
        assertTrue(lines.get(2).startsWith("20250101T100000Z-tiny"), o.out());
        assertTrue(lines.get(1).contains(data.sha256()), o.out());
        assertTrue(o.err().contains("skipping") && o.err().contains("broken"), o.err());
    }
}

package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.CoreFixtures;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rubrique classify} on a model trained once for the class: arguments, batches, bad lines. */
class ClassifyCommandTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final List<String> TOPIC_IDS = List.of("digital", "security", "party-congress",
            "bilateral-relations");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path model;
    private static LabelSet data;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = CoreFixtures.labels();
        model = shared.resolve("model");
        CoreFixtures.trainAndSave(CoreFixtures.fixed("liblinear", ""), data, 1, model);
    }

    private static String jsonLine(Map<String, Object> fields) throws IOException {
        return JSON.writeValueAsString(fields);
    }

    /** {@code n} input lines cycling through the labelled items, with ids "n-0", "n-1", …. */
    private Path batch(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LabelledItem it = data.items().get(i % data.items().size());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", "n-" + i);
            m.put("title", it.title());
            m.put("text", it.text());
            lines.add(jsonLine(m));
        }
        return Files.write(tmp.resolve("in.jsonl"), lines);
    }

    private static List<String> siblings(Path file) throws IOException {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTextArgumentGivesOneJsonLineWithEveryTopicScore() throws Exception {
        Outcome o = rubrique("classify", "--model", model.toString(),
                "Le Vietnam et Singapour coopèrent sur la cybersécurité");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(1, lines.size(), o.out());
        JsonNode n = JSON.readTree(lines.get(0));
        assertEquals("1", n.get("id").asText());
        assertTrue(n.get("topics").isArray());
        List<String> keys = new ArrayList<>();
        n.get("scores").fieldNames().forEachRemaining(keys::add);
        assertEquals(TOPIC_IDS, keys, "scores in the declared topic order");
        Tagging expected = TopicTagger.load(model).tag("", "Le Vietnam et Singapour coopèrent sur la cybersécurité");
        assertEquals(JSON.valueToTree(expected.topics()), n.get("topics"));
        for (String t : TOPIC_IDS) {
            assertEquals(expected.score(t), n.get("scores").get(t).asDouble(), t);
        }
    }

    @Test
    void explainGivesJsonLinesOnlyThroughAPipeOrWithJsonAndTextOnATerminal() throws Exception {
        String text = "Le Vietnam et Singapour coopèrent sur la cybersécurité";
        Outcome piped = rubrique("classify", "--model", model.toString(), "--explain", text, "La 5G");
        assertEquals(0, piped.code(), piped.err());
        List<String> lines = piped.out().lines().toList();
        assertEquals(2, lines.size(), piped.out());
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            assertTrue(n.get("explanation").has("security"), l);
        }

        ClassifyCommand onTerminal = new ClassifyCommand();
        onTerminal.terminal = true;
        Outcome readable = CliRun.command(onTerminal, "--model", model.toString(), "--explain", text);
        assertEquals(0, readable.code(), readable.err());
        List<String> shown = readable.out().lines().toList();
        assertEquals(1 + TOPIC_IDS.size(), shown.size(), readable.out());
        assertTrue(shown.get(0).startsWith("1: "), readable.out());
        assertTrue(shown.stream().noneMatch(l -> l.strip().startsWith("{")), "no JSON on a terminal: " + readable.out());
        assertTrue(shown.get(2).strip().startsWith("security "), readable.out());

        ClassifyCommand asked = new ClassifyCommand();
        asked.terminal = true;
        Outcome json = CliRun.command(asked, "--model", model.toString(), "--explain", "--json", text);
        assertEquals(1, json.out().lines().count(), json.out());
        assertTrue(JSON.readTree(json.out().strip()).has("explanation"), json.out());
    }

    @Test
    void scoresAreInCanonicalTopicOrder() throws Exception {
        Outcome o = rubrique("classify", "--model", model.toString(), "La transformation numérique");
        assertEquals(0, o.code(), o.err());
        List<String> keys = new ArrayList<>();
        JSON.readTree(o.out().strip()).get("scores").fieldNames().forEachRemaining(keys::add);
        assertEquals(TOPIC_IDS, keys);
    }

    @Test
    void severalTextArgumentsAreNumberedInOrder() throws Exception {
        Outcome o = rubrique("classify", "--model", model.toString(), "Le 14e Congrès du Parti",
                "La transformation numérique");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(2, lines.size());
        assertEquals("1", JSON.readTree(lines.get(0)).get("id").asText());
        assertEquals("2", JSON.readTree(lines.get(1)).get("id").asText());
    }

    @Test
    void aBatchKeepsInputOrderAndIdsWhateverTheThreads() throws Exception {
        Path in = batch(300);
        Path four = tmp.resolve("four.jsonl");
        Path one = tmp.resolve("one.jsonl");
        Outcome o4 = rubrique("classify", "--model", model.toString(), "--in", in.toString(), "--out", four.toString(),
                "--threads", "4");
        assertEquals(0, o4.code(), o4.err());
        assertTrue(o4.err().contains("classified 300 item(s) -> " + four), o4.err());
        Outcome o1 = rubrique("classify", "--model", model.toString(), "--in", in.toString(), "--out", one.toString(),
                "--threads", "1");
        assertEquals(0, o1.code(), o1.err());
        assertEquals(Files.readString(one), Files.readString(four));

        List<String> lines = Files.readAllLines(four);
        assertEquals(300, lines.size());
        TopicTagger tagger = TopicTagger.load(model);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            assertEquals("n-" + i, n.get("id").asText());
            LabelledItem it = data.items().get(i % data.items().size());
            assertEquals(JSON.valueToTree(tagger.tag(it.title(), it.text()).topics()), n.get("topics"), "line " + i);
        }
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndSkipped() throws Exception {
        Path in = Files.write(tmp.resolve("mixed.jsonl"), List.of(
                jsonLine(Map.of("id", "a", "text", "La cybersécurité nationale")),
                "{\"id\": \"b\", \"text\": ",
                jsonLine(Map.of("id", "c", "title", "Congrès", "text", "Le 14e Congrès du Parti")),
                jsonLine(Map.of("id", "d", "title", "sans texte")),
                "{\"id\": \"e\", \"text\": 42}",
                "",
                jsonLine(Map.of("text", "Le Vietnam et la France renforcent leur partenariat"))));
        Path out = tmp.resolve("out.jsonl");
        Outcome o = rubrique("classify", "--model", model.toString(), "--in", in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains(in + ":2: invalid JSON"), o.err());
        assertTrue(o.err().contains(in + ":4: text: missing"), o.err());
        assertTrue(o.err().contains(in + ":5: text: must be a string, was number"), o.err());
        assertTrue(o.err().contains("classified 3 item(s), skipped 3 bad line(s)"), o.err());
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            ids.add(JSON.readTree(line).get("id").asText());
        }
        assertEquals(List.of("a", "c", "7"), ids, "a line without id is named by its line number");
    }

    @Test
    void strictStopsAtTheFirstBadLineAndWritesNothing() throws Exception {
        Path in = Files.write(tmp.resolve("in.jsonl"), List.of(
                jsonLine(Map.of("id", "a", "text", "La cybersécurité nationale")),
                "{\"id\": \"b\", \"text\": [\"liste\"]}",
                jsonLine(Map.of("id", "c", "text", "Le 14e Congrès du Parti"))));
        Path out = tmp.resolve("out").resolve("tagged.jsonl");
        Outcome o = rubrique("classify", "--model", model.toString(), "--in", in.toString(), "--out", out.toString(),
                "--strict");
        assertEquals(1, o.code());
        assertTrue(o.err().contains(in + ":2: text: must be a string, was array"), o.err());
        assertFalse(Files.exists(out), "--strict left an output file");
        assertEquals(List.of(), siblings(out), "temporary files left behind");
    }

    @Test
    void aMissingModelDirectoryIsAClearError() {
        Path missing = tmp.resolve("no-model");
        Outcome o = rubrique("classify", "--model", missing.toString(), "texte");
        assertEquals(1, o.code());
        assertTrue(o.err().strip().startsWith("rubrique classify: " + missing + ": not a model directory"), o.err());
        assertTrue(o.err().contains("rubrique train --model " + missing), "says how to make one: " + o.err());
        assertEquals("", o.out());
    }

    @Test
    void aMissingInputFileIsNamed() {
        Path missing = tmp.resolve("absent.jsonl");
        Outcome o = rubrique("classify", "--model", model.toString(), "--in", missing.toString(), "--out",
                tmp.resolve("o.jsonl").toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains(missing.toString()), o.err());
        assertFalse(Files.exists(tmp.resolve("o.jsonl")));
    }

    @Test
    void aMissingInputFileSaysItIsMissing() {
        Path missing = tmp.resolve("absent.jsonl");
        Outcome o = rubrique("classify", "--model", model.toString(), "--in", missing.toString());
        assertEquals(1, o.code());
        String err = o.err().toLowerCase(java.util.Locale.ROOT);
        assertTrue(err.contains("no such") || err.contains("not found") || err.contains("does not exist"), o.err());
    }

    @Test
    void textArgumentsAndAnInputFileAreExclusive() throws IOException {
        Path in = batch(2);
        Outcome o = rubrique("classify", "--model", model.toString(), "--in", in.toString(), "texte");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("give TEXT arguments or --in, not both"), o.err());
    }
}

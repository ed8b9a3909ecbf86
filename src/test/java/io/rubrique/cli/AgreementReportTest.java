package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.active.Strategies;
import io.rubrique.data.SecondOpinions;
import io.rubrique.data.SeedLabels;
import io.rubrique.data.TopicSet;
import io.rubrique.label.LabelSession;
import io.rubrique.label.LabelStore;
import io.rubrique.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two labellers with overlap: ana labelled the seed fixture, bob's session ({@code label --overlap 0.2}) asks him
 * a second opinion on 20% of her items and he gives them (differing on every third); the next {@code train} run's
 * report carries the per-topic agreement beside F1, in report.json, report.md and report.html, while training still
 * uses one label per item.
 */
class AgreementReportTest {
    @TempDir
    Path tmp;

    @Test
    void secondOpinionsFromAnOverlapPutAnAgreementTableInTheNextReport() throws Exception {
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        Files.copy(SeedLabels.TOPICS, labels.resolve("topics.json"));
        StringBuilder ana = new StringBuilder();
        for (String line : Files.readAllLines(SeedLabels.SNIPPETS)) {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(line);
            n.set("provenance", Json.mapper().valueToTree(Map.of("labelled_by", "ana")));
            ana.append(Json.mapper().writeValueAsString(n)).append('\n');
        }
        Files.writeString(labels.resolve("snippets.jsonl"), ana.toString());
        TopicSet topics = TopicSet.forLabels(labels);
        LabelSession bob = new LabelSession(topics, List.of(), new LabelStore(labels.resolve("snippets.jsonl"), labels,
                topics), "bob", Strategies.get("random"), null, null, Clock.systemUTC(),
                new LabelSession.Trust(0.2, 42, List.of()));
        int given = 0;
        for (Optional<LabelSession.Next> n = bob.next(); n.isPresent(); n = bob.next()) {
            assertNotNull(n.get().secondOpinionOf(), "no pool: only second opinions are asked");
            String id = n.get().item().id();
            List<String> topicsOfAna = new ArrayList<>(io.rubrique.data.LabelReader.read(labels).items().stream()
                    .filter(i -> i.id().equals(id)).findFirst().orElseThrow().topics());
            if (given % 3 == 0) {
                String flip = topics.ids().get(given % topics.size());
                if (!topicsOfAna.remove(flip)) {
                    topicsOfAna.add(flip);
                }
            }
            bob.saveOpinion(id, topicsOfAna);
            given++;
        }
        assertEquals(10, given, "ceil(0.2 x 49) second opinions");
        assertEquals(10, Files.readAllLines(labels.resolve(SecondOpinions.FILE)).size());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("train",
                "--labels", labels.toString(), "--config", "src/test/resources/core/fixed-liblinear.json",
                "--model", tmp.resolve("models/m").toString(), "--runs-dir", tmp.resolve("runs").toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("labellers' agreement on 10 item(s) with a second opinion (ana vs bob)"),
                out.toString());
        Path run = Path.of(out.toString().lines().filter(l -> l.startsWith("run: ")).findFirst().orElseThrow()
                .substring(5));
        JsonNode report = Json.mapper().readTree(run.resolve("report.json").toFile());
        assertEquals(49, report.at("/data/items").asInt(), "one label per item");
        JsonNode a = report.get("agreement");
        assertEquals("[\"ana\"]", a.get("first").toString());
        assertEquals("[\"bob\"]", a.get("second").toString());
        assertEquals(10, a.get("items").asInt());
        for (String t : topics.ids()) {
            JsonNode row = a.at("/per_topic/" + t);
            assertEquals(10, row.get("items").asInt(), t);
            assertTrue(row.get("f1_ci95").isArray() && row.get("model_f1").isNumber(), t + ": " + row);
            assertTrue(List.of("at", "below", "cant_tell").contains(row.get("ceiling").asText()), t + ": " + row);
            assertEquals(report.at("/metrics/per_topic/" + t + "/f1/mean").asDouble(), row.get("model_f1").asDouble(),
                    1e-12, "the model's F1 beside the agreement");
            if (row.get("kappa").isNumber()) {
                double k = row.get("kappa").asDouble();
                assertTrue(row.at("/kappa_ci95/0").asDouble() <= k && k <= row.at("/kappa_ci95/1").asDouble(),
                        t + ": the interval covers its estimate " + row);
            }
        }
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("## Agreement between labellers"), md);
        assertTrue(md.contains("| topic | items | model F1 | Cohen's kappa | labellers' F1 | at the ceiling? |"), md);
        assertTrue(Files.readString(run.resolve("report.html")).contains("<h2>Agreement between labellers</h2>"));
    }
}

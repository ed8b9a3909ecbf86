package io.rubrique.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.cli.Main;
import io.rubrique.data.SeedLabels;
import io.rubrique.server.ModelHolder;
import io.rubrique.server.ModelLoader;
import io.rubrique.server.RubriqueServer;
import io.rubrique.server.ServerOptions;
import io.rubrique.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label set with a fifth topic, declared only in its topics.json, trains, evaluates, compares, classifies and
 * serves with no code change, and keeps the declared topic order everywhere.
 */
class FifthTopicTest {
    private static final String CONFIG = "src/test/resources/core/fixed-liblinear.json";

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run rubrique(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** labels/ with the four topics plus "economy", which items about trade or investment also get. */
    private Path fiveTopicLabels() throws Exception {
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        ObjectNode topics = (ObjectNode) Json.mapper().readTree(SeedLabels.TOPICS.toFile());
        ObjectNode economy = ((ArrayNode) topics.get("topics")).addObject();
        economy.put("id", "economy");
        economy.put("name", "Economy");
        economy.put("definition", "Trade, investment, growth and business.");
        economy.set("seed_words", Json.mapper().valueToTree(List.of("commerce", "investissement", "économie")));
        Files.writeString(labels.resolve("topics.json"), Json.prettyMapper().writeValueAsString(topics));
        List<String> out = new ArrayList<>();
        int economic = 0;
        for (String line : Files.readAllLines(SeedLabels.SNIPPETS)) {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(line);
            String text = (n.get("title").asText() + " " + n.get("text").asText()).toLowerCase();
            if (text.contains("économi") || text.contains("commerc") || text.contains("investis")) {
                ((ArrayNode) n.get("topics")).add("economy");
                economic++;
            }
            out.add(n.toString());
        }
        assertTrue(economic >= 5, "the seeds hold enough economic items: " + economic);
        Files.write(labels.resolve("snippets.jsonl"), out);
        return labels;
    }

    @Test
    void aFifthTopicTrainsEvaluatesComparesClassifiesAndServesWithNoCodeChange() throws Exception {
        Path labels = fiveTopicLabels();
        Path model = tmp.resolve("models/five");
        Path runs = tmp.resolve("runs");
        Run v = rubrique("validate", labels.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("economy"), v.out());

        Run train = rubrique("train", "--labels", labels.toString(), "--config", CONFIG, "--model", model.toString(),
                "--runs-dir", runs.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("5 topics"), train.out());
        assertTrue(train.out().contains("F1 economy"), train.out());

        Run eval = rubrique("evaluate", "--labels", labels.toString(), "--config", CONFIG, "--runs-dir",
                runs.toString(), "--curve-repeats", "0");
        assertEquals(0, eval.code(), eval.err());
        List<Path> both = Files.list(runs).sorted().toList();
        assertEquals(2, both.size());
        Run compare = rubrique("compare", both.get(0).toString(), both.get(1).toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("f1.economy"), compare.out());
        JsonNode report = Json.mapper().readTree(both.get(1).resolve("report.json").toFile());
        List<String> order = new ArrayList<>();
        report.at("/metrics/per_topic").fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("digital", "security", "party-congress", "bilateral-relations", "economy"), order);

        Run classify = rubrique("classify", "--model", model.toString(),
                "Le commerce et l'investissement entre le Vietnam et le Japon progressent");
        assertEquals(0, classify.code(), classify.err());
        JsonNode line = Json.mapper().readTree(classify.out().lines().findFirst().orElseThrow());
        List<String> keys = new ArrayList<>();
        line.get("scores").fieldNames().forEachRemaining(keys::add);
        assertEquals(order, keys, "classify keeps the declared order");

        RubriqueServer server = new RubriqueServer(ServerOptions.loopback(0),
                ModelHolder.load(ModelLoader.standard(), model)).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/classify"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"text\": \"Le commerce et l'investissement progressent\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            List<String> served = new ArrayList<>();
            Json.mapper().readTree(r.body()).get("scores").fieldNames().forEachRemaining(served::add);
            assertEquals(order, served);
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(m.body().contains("\"economy\""), m.body());
        } finally {
            server.stop();
        }
    }
}

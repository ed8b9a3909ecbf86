package io.rubrique.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.active.Strategies;
import io.rubrique.cli.Main;
import io.rubrique.data.Candidate;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.SeedLabels;
import io.rubrique.label.LabelServer;
import io.rubrique.label.LabelSession;
import io.rubrique.label.LabelStore;
import io.rubrique.label.RetrainJob;
import io.rubrique.model.ApiExplanations;
import io.rubrique.model.Explanation;
import io.rubrique.model.TopicTagger;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API, {@code classify --explain}, {@code POST /v1/classify?explain=true} and the labelling page give
 * the same explanation of the same item; for linear models the contributions plus the bias are the raw score.
 */
class ExplanationSurfacesTest {
    private static final String TITLE = "Le Vietnam et Singapour renforcent leur coopération en cybersécurité";
    private static final String TEXT = "Les deux pays ont signé un accord sur la sécurité des réseaux et la "
            + "transformation numérique.";

    @TempDir
    static Path tmp;
    private static Path model;
    private static TopicTagger tagger;

    @BeforeAll
    static void train() throws Exception {
        model = tmp.resolve("model");
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("train", "--no-eval", "--config", "experiments/default.json", "--labels", SeedLabels.DIR.toString(),
                        "--model", model.toString());
        assertEquals(0, code, err.toString());
        tagger = TopicTagger.load(model);
    }

    /** Trains {@code config} on the frozen seed labels into a fresh directory and loads it. */
    private static TopicTagger trained(String config, String name) throws Exception {
        Path dir = tmp.resolve(name);
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("train", "--no-eval", "--config", config, "--labels", SeedLabels.DIR.toString(), "--model", dir.toString());
        assertEquals(0, code, err.toString());
        return TopicTagger.load(dir);
    }

    @Test
    void liblinearContributionsPlusBiasAreItsRawScoreToo() throws Exception {
        TopicTagger lin = trained("experiments/liblinear.json", "liblinear");
        lin.explain(TITLE, TEXT).forEach((topic, e) -> {
            assertTrue(e.available(), topic);
            double sum = e.bias() + e.terms().stream().mapToDouble(Explanation.Term::contribution).sum();
            assertEquals(e.raw(), sum, 1e-9, topic);
            assertEquals(lin.tag(TITLE, TEXT).score(topic), e.score(), 1e-12, topic);
        });
    }

    @Test
    void aLearnerWithoutALinearFormSaysNotAvailableInsteadOfInventingTerms() throws Exception {
        TopicTagger nbm = trained("experiments/nbm.json", "nbm");
        nbm.explain(TITLE, TEXT).forEach((topic, e) -> {
            assertFalse(e.available(), topic);
            assertTrue(e.terms().isEmpty(), topic);
            assertEquals(nbm.tag(TITLE, TEXT).score(topic), e.score(), 1e-12, topic);
        });
    }

    @Test
    void contributionsPlusBiasAreTheRawScoreAndTheRawScoreGivesTheScore() {
        tagger.explain(TITLE, TEXT).forEach((topic, e) -> {
            assertTrue(e.available(), topic);
            double sum = e.bias() + e.terms().stream().mapToDouble(Explanation.Term::contribution).sum();
            assertEquals(e.raw(), sum, 1e-9, topic);
            assertEquals(tagger.tag(TITLE, TEXT).score(topic), e.score(), 1e-12, topic);
            assertEquals(e.score() >= e.threshold(), e.assigned(), topic);
        });
    }

    @Test
    void theFourSurfacesGiveTheSameExplanation() throws Exception {
        Map<String, Object> api = ApiExplanations.of(tagger, TITLE, TEXT);
        JsonNode expected = Json.mapper().valueToTree(api);

        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, Json.mapper().writeValueAsString(Map.of("id", "x", "title", TITLE, "text", TEXT)) + "\n");
        Path out = tmp.resolve("out.jsonl");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.commandLine().setErr(new PrintWriter(err)).execute("classify", "--model",
                model.toString(), "--explain", "--in", in.toString(), "--out", out.toString()), err.toString());
        JsonNode cli = Json.mapper().readTree(Files.readAllLines(out).get(0)).get("explanation");
        assertEquals(expected, cli, "classify --explain");

        RubriqueServer server = new RubriqueServer(ServerOptions.loopback(0),
                ModelHolder.load(ModelLoader.standard(), model)).start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/v1/classify?explain=true"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            Json.mapper().writeValueAsString(Map.of("title", TITLE, "text", TEXT)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(expected, Json.mapper().readTree(r.body()).get("explanation"), "HTTP ?explain=true");
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/v1/classify")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertFalse(plain.body().contains("explanation"), "no explanation unless asked");
        } finally {
            server.stop();
        }

        LabelSet labels = SeedLabels.read();
        Path labelDir = Files.createDirectories(tmp.resolve("labels"));
        Files.copy(SeedLabels.TOPICS, labelDir.resolve("topics.json"));
        Candidate item = new Candidate("new-1", ItemKind.TEASER, "test", TITLE, TEXT);
        LabelSession session = new LabelSession(labels.topics(), List.of(item), new LabelStore(
                labelDir.resolve("snippets.jsonl"), labelDir, labels.topics()), "test", Strategies.get("random"),
                tagger, "sha", Clock.systemUTC());
        LabelServer page = new LabelServer(ServerOptions.loopback(0), session, new RetrainJob(labelDir,
                io.rubrique.config.ExperimentConfig.defaults(), List.of(), tmp.resolve("m2"), tmp.resolve("runs"), t -> { }),
                () -> null).start();
        try {
            HttpResponse<String> n = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + page.port() + "/api/next")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode highlights = Json.mapper().readTree(n.body()).get("highlights");
            tagger.explain(TITLE, TEXT).forEach((topic, e) -> assertEquals(
                    Json.mapper().valueToTree(e.strongUpWords(0.25, 6)), highlights.get(topic), "page " + topic));
            for (String topic : labels.topics().ids()) {
                JsonNode up = expected.get(topic).get("up");
                for (JsonNode w : highlights.get(topic)) {
                    boolean listed = false;
                    for (JsonNode pair : up) {
                        listed |= pair.get(0).asText().equals(w.asText());
                    }
                    assertTrue(listed, topic + ": highlighted word " + w + " is among the API's up words " + up);
                }
            }
        } finally {
            page.close();
        }
    }
}

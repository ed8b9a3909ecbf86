package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.TopicSet;
import io.rubrique.model.CoreFixtures;
import io.rubrique.model.HostileModelFiles;
import io.rubrique.model.ModelArtifact;
import io.rubrique.util.Hashing;
import io.rubrique.util.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on a real model, trained on the repository's labels with the default learner and saved to disk. */
class RealModelServerTest {
    private static final String TOKEN = "real-token";
    private static final String TEXT = "Le Vietnam et Singapour renforcent leur coopération en matière de cybersécurité"
            + " et de transformation numérique, lors de la visite officielle du Premier ministre.";
    @TempDir
    static Path tmp;
    static Path model;
    static TestApi api;

    @BeforeAll
    static void trainAndServe() throws Exception {
        model = tmp.resolve("model");
        CoreFixtures.trainAndSave(CoreFixtures.fixed("smo", ""), CoreFixtures.labels(), 42, model);
        ModelHolder models = ModelHolder.load(ModelLoader.standard(), model);
        api = TestApi.wrap(new RubriqueServer(ServerOptions.loopback(0).withToken(TOKEN), models).start())
                .withToken(TOKEN);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String classifyBody() {
        return "{\"title\":\"Coopération numérique\",\"text\":\"" + TEXT + "\"}";
    }

    @Test
    void servesATrainedModelWithItsManifestChecksum() {
        HttpResponse<String> r = api.post("/v1/classify", classifyBody());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode b = TestApi.json(r);
        Set<String> ids = TopicSet.defaults().ids().stream().collect(Collectors.toSet());
        b.get("topics").forEach(t -> assertTrue(ids.contains(t.asText()), t.asText()));
        b.get("scores").fields().forEachRemaining(e -> {
            assertTrue(ids.contains(e.getKey()), e.getKey());
            assertTrue(e.getValue().asDouble() >= 0 && e.getValue().asDouble() <= 1, e.toString());
        });
        JsonNode manifest = TestApi.json(api.get("/v1/model"));
        assertEquals(manifest.get("model_sha256").asText(), b.at("/model/sha256").asText());

        JsonNode batch = TestApi.json(api.post("/v1/classify/batch", "{\"items\":[{\"title\":"
                + "\"Coopération numérique\",\"text\":\"" + TEXT + "\"}]}"));
        assertEquals(b.get("topics"), batch.at("/results/0/topics"));
        assertEquals(b.get("scores"), batch.at("/results/0/scores"));
    }

    @Test
    void aHashBombModelIsRefusedByTheFilterWhileClassifyKeepsAnsweringWithTheOldModel() throws Exception {
        String oldSha = TestApi.json(api.get("/v1/model")).get("model_sha256").asText();
        Path hostile = plantHashBomb(tmp.resolve("hostile"));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            do {
                HttpResponse<String> r = api.post("/v1/classify", classifyBody());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(oldSha, TestApi.json(r).at("/model/sha256").asText());
                answered.incrementAndGet();
            } while (running.get());
        });
        try {
            HttpResponse<String> r = api.post("/v1/admin/reload", "{\"path\":" + TestApi.MAPPER.valueToTree(
                    hostile.toString()) + "}");
            assertEquals(409, r.statusCode(), r.body());
            assertEquals("model_load_failed", TestApi.errorCode(r));
            // The filter's depth bound refused it, not the loader's deadline (the time itself is measured by
            // src/bench/chaos/hostile_models.sh).
            assertTrue(r.body().contains("allow-list") && r.body().contains("depth"), r.body());
            assertTrue(!r.body().contains(tmp.toString()), "absolute path in " + r.body());
        } finally {
            running.set(false);
        }
        client.get(30, TimeUnit.SECONDS);
        assertTrue(answered.get() >= 1, "classify answered " + answered.get() + " times");
        assertEquals(oldSha, TestApi.json(api.post("/v1/classify", classifyBody())).at("/model/sha256").asText());
    }

    @Test
    void watchReloadsWhenTrainingSwitchesTheCurrentVersion() throws Exception {
        Path watched = tmp.resolve("watched");
        CoreFixtures.trainAndSave(CoreFixtures.fixed("liblinear", ""), CoreFixtures.labels(), 1, watched);
        ModelHolder models = ModelHolder.load(ModelLoader.standard(), watched);
        try (TestApi served = TestApi.wrap(new RubriqueServer(ServerOptions.loopback(0).withToken(TOKEN), models)
                .start()).withToken(TOKEN)) {
            ModelWatcher watcher = new ModelWatcher(() -> served.server.models().current().dir(),
                    () -> served.server.reload(null), java.time.Duration.ofSeconds(60));
            String before = TestApi.json(served.get("/v1/model")).get("model_sha256").asText();
            assertTrue(!watcher.poll(), "nothing changed yet");

            // A second training run writes a new version and switches CURRENT to it, as `rubrique train` does.
            CoreFixtures.trainAndSave(CoreFixtures.fixed("smo", ""), CoreFixtures.labels(), 1, watched);
            assertTrue(watcher.poll(), "the switch of CURRENT was noticed");
            String after = TestApi.json(served.get("/v1/model")).get("model_sha256").asText();
            assertTrue(!before.equals(after), "still serving " + before);
            assertEquals(ModelArtifact.readManifest(watched).modelSha256(), after);
            watcher.close();
        }
    }

    /**
     * A version directory whose {@code model.ser} is {@link HostileModelFiles#hashBomb()}. The manifest is the real one with its checksum fixed to match, so only deserialization can catch it.
     */
    static Path plantHashBomb(Path dir) throws Exception {
        Path from = ModelArtifact.resolve(model);
        Files.createDirectories(dir);
        Files.copy(from.resolve(ModelArtifact.MANIFEST_FILE), dir.resolve(ModelArtifact.MANIFEST_FILE));
        Path file = dir.resolve(ModelArtifact.MODEL_FILE);
        Files.write(file, HostileModelFiles.hashBomb());
        Path manifest = dir.resolve(ModelArtifact.MANIFEST_FILE);
        ObjectNode m = (ObjectNode) Json.mapper().readTree(manifest.toFile());
        m.put("model_sha256", Hashing.sha256(file));
        Files.writeString(manifest, Json.prettyMapper().writeValueAsString(m));
        return dir;
    }
}

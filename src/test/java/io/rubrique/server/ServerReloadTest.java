package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.Tagging;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerReloadTest {
    private static final String TOKEN = "reload-token";
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    @TempDir
    Path tmp;
    Path dirA;
    Path dirB;
    TestApi api;

    @BeforeEach
    void start() throws Exception {
        dirA = FakeTagger.writeModel(tmp.resolve("a"), "model-a", SHA_A, 0);
        dirB = FakeTagger.writeModel(tmp.resolve("b"), "model-b", SHA_B, 30);
        api = TestApi.start(ServerOptions.loopback(0).withToken(TOKEN), dirA).withToken(TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String servedSha() {
        return TestApi.json(api.post("/v1/classify", "{\"text\":\"a\"}")).at("/model/sha256").asText();
    }

    private HttpResponse<String> reload(Path dir) {
        return api.post("/v1/admin/reload", dir == null ? "{}" : "{\"path\":" + TestApi.MAPPER.valueToTree(
                dir.toString()) + "}");
    }

    @Test
    void reloadSwapsModelAndReportsBothChecksums() {
        HttpResponse<String> r = reload(dirB);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode b = TestApi.json(r);
        assertEquals(SHA_A, b.get("old_sha256").asText());
        assertEquals(SHA_B, b.get("new_sha256").asText());
        assertEquals("model-b", b.at("/model/name").asText());
        assertEquals(SHA_B, servedSha());
        assertEquals("model-b", TestApi.json(api.get("/v1/model")).get("name").asText());
    }

    @Test
    void reloadWithoutBodyReloadsTheServedDirectory() throws Exception {
        FakeTagger.writeModel(dirA, "model-a2", "e".repeat(64), 0);
        HttpResponse<String> r = api.send(api.request("/v1/admin/reload")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(SHA_A, TestApi.json(r).get("old_sha256").asText());
        assertEquals("e".repeat(64), servedSha());
    }

    @Test
    void brokenModelIsRefusedAndTheOldOneKeepsServing() throws Exception {
        HttpResponse<String> missing = reload(tmp.resolve("nowhere"));
        assertEquals(409, missing.statusCode());
        assertEquals("model_load_failed", TestApi.errorCode(missing));
        assertTrue(TestApi.errorMessage(missing).contains("manifest.json not found"), missing.body());

        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("manifest.json"), "{\"name\": ");
        HttpResponse<String> corrupt = reload(broken);
        assertEquals(409, corrupt.statusCode());
        assertTrue(TestApi.errorMessage(corrupt).contains("unreadable manifest.json"), corrupt.body());

        assertEquals(SHA_A, servedSha());
        assertEquals("ok", TestApi.json(api.get("/health")).get("status").asText());
        String metrics = api.get("/metrics").body();
        assertTrue(metrics.contains("rubrique_model_reloads_total{result=\"failed\"} 2"), metrics);
    }

    @Test
    void reloadBodyIsValidated() {
        assertEquals(422, api.post("/v1/admin/reload", "{\"dir\":\"x\"}").statusCode());
        assertEquals(422, api.post("/v1/admin/reload", "{\"path\":3}").statusCode());
        assertEquals(415, api.send("POST", "/v1/admin/reload", "text/plain", "{}").statusCode());
    }

    @Test
    void reloadUnderConcurrentLoadDropsNoRequest() throws Exception {
        Map<String, FakeTagger> bySha = Map.of(SHA_A, new FakeTagger("model-a", SHA_A, 0),
                SHA_B, new FakeTagger("model-b", SHA_B, 30));
        List<String> texts = List.of("la police", "visite et coopération bilatérale", "le congrès du parti",
                "internet et données", "rien de particulier", "cyber sécurité numérique");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int offset = c;
            clients.add(pool.submit(() -> {
                for (int i = offset; running.get(); i++) {
                    String text = texts.get(i % texts.size());
                    HttpResponse<String> r = api.post("/v1/classify", "{\"text\":\"" + text + "\"}");
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode b = TestApi.json(r);
                    String sha = b.at("/model/sha256").asText();
                    FakeTagger expected = bySha.get(sha);
                    assertTrue(expected != null, "unknown model " + sha);
                    Tagging t = expected.tag(null, text);
                    assertEquals(TestApi.MAPPER.valueToTree(t.topics()), b.get("topics"), text);
                    assertEquals(TestApi.MAPPER.valueToTree(t.scores()), b.get("scores"), text);
                    seen.add(sha);
                    answered.incrementAndGet();
                }
                return null;
            }));
        }
        // Six reloads, each followed by requests answered by the model it switched to (waited for under a hang
        // guard: how many requests fit between two reloads is not what is tested).
        for (int reload = 0; reload < 6; reload++) {
            String sha = reload % 2 == 0 ? SHA_B : SHA_A;
            HttpResponse<String> r = reload(reload % 2 == 0 ? dirB : dirA);
            assertEquals(200, r.statusCode(), r.body());
            seen.remove(sha);
            long guard = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!seen.contains(sha)) {
                assertTrue(System.nanoTime() < guard, "no request answered by " + sha + " after its reload");
                Thread.sleep(10);
            }
        }
        running.set(false);
        for (Future<?> f : clients) {
            f.get(30, TimeUnit.SECONDS); // rethrows any client's failed assertion
        }
        pool.shutdown();
        assertTrue(answered.get() >= 6, "answered: " + answered.get());
        assertEquals(Set.of(SHA_A, SHA_B), seen);
    }

    @Test
    void watcherReloadsWhenTheManifestChangesAndIgnoresABrokenOne() throws Exception {
        ModelWatcher watcher = new ModelWatcher(() -> api.server.models().current().dir(),
                () -> api.server.reload(null), Duration.ofSeconds(60));
        assertFalse(watcher.poll(), "nothing changed yet");
        FakeTagger.writeModel(dirA, "model-a3", "f".repeat(64), 0);
        assertTrue(watcher.poll());
        assertEquals("f".repeat(64), servedSha());

        Files.writeString(dirA.resolve("manifest.json"), "{broken");
        assertFalse(watcher.poll());
        assertEquals("f".repeat(64), servedSha());
        assertFalse(watcher.poll(), "a broken manifest is tried once, not at every poll");
        watcher.close();
    }

    @Test
    void watcherFollowsTheCurrentPointerOfAVersionedModelDirectory() throws Exception {
        Path dir = tmp.resolve("versioned");
        FakeTagger.writeModel(dir.resolve("versions/v1"), "model-v1", "1".repeat(64), 0);
        Files.writeString(dir.resolve(ModelArtifact.POINTER), "versions/v1\n");
        // What the real loader does with a model directory: load the version it stands for.
        ModelLoader fake = FakeTagger.loader();
        ModelHolder models = ModelHolder.load(d -> fake.load(ModelArtifact.resolve(d)), dir);
        try (TestApi served = TestApi.wrap(new RubriqueServer(ServerOptions.loopback(0).withToken(TOKEN), models)
                .start()).withToken(TOKEN)) {
            ModelWatcher watcher = new ModelWatcher(() -> served.server.models().current().dir(),
                    () -> served.server.reload(null), Duration.ofSeconds(60));
            assertFalse(watcher.poll(), "nothing changed yet");

            FakeTagger.writeModel(dir.resolve("versions/v2"), "model-v2", "2".repeat(64), 0);
            assertFalse(watcher.poll(), "a new version is not served before CURRENT names it");

            Files.writeString(dir.resolve(ModelArtifact.POINTER), "versions/v2\n");
            assertTrue(watcher.poll(), "CURRENT switched to v2");
            assertEquals("2".repeat(64), TestApi.json(served.post("/v1/classify", "{\"text\":\"a\"}"))
                    .at("/model/sha256").asText());
            assertFalse(watcher.poll());
            watcher.close();
        }
    }
}

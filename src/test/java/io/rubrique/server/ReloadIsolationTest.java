package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload that takes long (slow disk, hostile file) must not hold anything the rest of the server needs. */
class ReloadIsolationTest {
    private static final String TOKEN = "t";
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final String SHA_SLOW = "5".repeat(64);
    @TempDir
    Path tmp;
    Path dirA;
    Path dirB;
    Path slowDir;
    final CountDownLatch slowEntered = new CountDownLatch(1);
    /** Counts down once per load of the slow model that reached the loader (two may run at once). */
    final CountDownLatch twoSlowEntered = new CountDownLatch(2);
    final CountDownLatch releaseSlow = new CountDownLatch(1);
    /** Own threads: the common pool may have a single one on a small machine. */
    final ExecutorService clients = Executors.newCachedThreadPool();
    TestApi api;

    @BeforeEach
    void start() throws Exception {
        dirA = FakeTagger.writeModel(tmp.resolve("a"), "model-a", SHA_A, 0);
        dirB = FakeTagger.writeModel(tmp.resolve("b"), "model-b", SHA_B, 30);
        slowDir = FakeTagger.writeModel(tmp.resolve("slow"), "model-slow", SHA_SLOW, 10);
        ModelLoader fake = FakeTagger.loader();
        ModelLoader blocking = dir -> {
            if (dir.equals(slowDir)) {
                slowEntered.countDown();
                twoSlowEntered.countDown();
                try {
                    releaseSlow.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return fake.load(dir);
        };
        ModelHolder models = ModelHolder.load(blocking, dirA);
        api = TestApi.wrap(new RubriqueServer(ServerOptions.loopback(0).withToken(TOKEN), models).start())
                .withToken(TOKEN);
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        clients.shutdownNow();
        api.close();
    }

    private HttpResponse<String> reload(Path dir, Duration timeout) {
        return api.send(api.request("/v1/admin/reload").timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":" + TestApi.MAPPER.valueToTree(dir.toString())
                        + "}")));
    }

    private String servedSha() {
        HttpResponse<String> r = api.send(api.request("/v1/classify").timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"text\":\"la police\"}")));
        assertEquals(200, r.statusCode(), r.body());
        return TestApi.json(r).at("/model/sha256").asText();
    }

    @Test
    void aReloadBlockedInItsLoaderDelaysNeitherAnotherReloadNorClassifyRequests() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                () -> reload(slowDir, Duration.ofSeconds(60)), clients);
        assertTrue(slowEntered.await(10, TimeUnit.SECONDS), "the slow reload reached its loader");

        // The slow reload is blocked until released, so a classify or reload that waited for it would never
        // answer: the request timeout is the guard, generous so that a loaded CI machine does not trip it.
        assertEquals(SHA_A, servedSha());
        HttpResponse<String> fast = reload(dirB, Duration.ofSeconds(20));
        assertEquals(200, fast.statusCode(), fast.body());
        assertEquals(SHA_B, servedSha());

        releaseSlow.countDown();
        HttpResponse<String> late = slow.get(20, TimeUnit.SECONDS);
        // It started before the fast one but finished after it: putting it in would undo the newer reload.
        assertEquals(409, late.statusCode(), late.body());
        assertEquals("reload_superseded", TestApi.errorCode(late));
        assertEquals(SHA_B, servedSha());
    }

    @Test
    void reloadsBeyondTheConcurrentLoadLimitAreRefusedAtOnceNotQueued() throws Exception {
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> reload(slowDir, Duration.ofSeconds(60)), clients);
        assertTrue(slowEntered.await(10, TimeUnit.SECONDS));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                () -> reload(slowDir, Duration.ofSeconds(60)), clients);
        // Once the second load holds the other slot (it is inside the loader), a third reload is refused at once.
        assertTrue(twoSlowEntered.await(30, TimeUnit.SECONDS), "the second slow reload reached its loader");
        HttpResponse<String> third = reload(dirB, Duration.ofSeconds(20));
        assertEquals(429, third.statusCode(), third.body());
        assertEquals("reload_busy", TestApi.errorCode(third));
        releaseSlow.countDown();
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);
        assertEquals(200, reload(dirB, Duration.ofSeconds(20)).statusCode());
    }
}

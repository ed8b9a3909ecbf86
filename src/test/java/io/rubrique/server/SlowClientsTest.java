package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow clients (slowloris, trickled bodies) must not take the server away from everyone else. */
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 250;
    @TempDir
    Path tmp;

    @Test
    void twoHundredFiftyClientsTricklingTheirBodyDoNotStarveANormalClassify() throws Exception {
        // Neither an idle timeout nor a minimum data rate ever frees the slow clients' connections during the test:
        // a starved acceptor or thread pool would hang the normal classify, not just delay it.
        ServerOptions.Limits neverFreed = new ServerOptions.Limits(Duration.ofMinutes(10), 0,
                ServerOptions.Limits.DEFAULTS.maxConnections());
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withLimits(neverFreed),
                FakeTagger.writeModel(tmp.resolve("m"), "fake", "c".repeat(64), 0))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
            // The timeout is a hang guard only.
            HttpRequest classify = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/v1/classify")).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"la police\"}")).build();
            assertEquals(200, client.send(classify, HttpResponse.BodyHandlers.ofString()).statusCode());
            List<Socket> slow = new ArrayList<>();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                byte[] head = ("POST /v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    Socket s = new Socket("127.0.0.1", api.port());
                    s.getOutputStream().write(head);
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                // One byte per second on every connection (each write keeps it from ever being idle).
                trickle.scheduleAtFixedRate(() -> {
                    for (Socket s : slow) {
                        try {
                            OutputStream out = s.getOutputStream();
                            out.write(' ');
                            out.flush();
                        } catch (IOException e) {
                            // the server gave up on this one: what it should do
                        }
                    }
                }, 1, 1, TimeUnit.SECONDS);

                // Twice: right after the slow bodies started, and once they have trickled a while.
                for (long pauseMs : new long[] {300, 2500}) {
                    Thread.sleep(pauseMs);
                    // A new connection each time (a fresh client): the slow ones must not starve the acceptor.
                    HttpResponse<String> r = HttpClient.newHttpClient().send(classify,
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                }
            } finally {
                trickle.shutdownNow();
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIsAnsweredWith408Json() throws Exception {
        try (TestApi api = TestApi.start(FakeTagger.writeModel(tmp.resolve("m"), "fake", "c".repeat(64), 0));
                Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder response = new StringBuilder();
            try {
                for (int i = 0; i < 10 && in.available() == 0; i++) {
                    Thread.sleep(1000);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the server after its answer
            }
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                response.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            String text = response.toString();
            assertTrue(text.startsWith("HTTP/1.1 408"), text);
            assertTrue(text.contains("\"code\":\"request_timeout\""), text);
        }
    }

    @Test
    void atTheConnectionLimitIdleConnectionsAreClosedSoonerToMakeRoom() throws Exception {
        // Idle connections are never closed in the test's time except by the shorter timeout at the limit: without
        // it the request below would hang (until TestApi's hang guard), not merely be late.
        ServerOptions.Limits limits = new ServerOptions.Limits(Duration.ofMinutes(10), 1024, 4);
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withLimits(limits),
                FakeTagger.writeModel(tmp.resolve("m"), "fake", "c".repeat(64), 0))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < limits.maxConnections(); i++) {
                    idle.add(new Socket("127.0.0.1", api.port())); // connected, never sends anything
                    // Jetty shortens the idle timeout of the connections it has registered when the limit is hit,
                    // so let each one register.
                    Thread.sleep(200);
                }
                HttpResponse<String> r = api.post("/v1/classify", "{\"text\":\"la police\"}");
                assertEquals(200, r.statusCode(), r.body());
                Socket first = idle.get(0);
                first.setSoTimeout(60_000); // hang guard
                assertEquals(-1, first.getInputStream().read(), "an idle connection was closed by the server");
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }
}

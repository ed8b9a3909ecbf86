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
    void twoHundredFiftyClientsTricklingTheirBodyDoNotDelayANormalClassify() throws Exception {
        try (TestApi api = TestApi.start(FakeTagger.writeModel(tmp.resolve("m"), "fake", "c".repeat(64), 0))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest classify = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/v1/classify")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"la police\"}")).build();
            // Warm up (class loading, JIT) so that what is timed below is the effect of the slow clients.
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

                // Measured twice: right after the slow bodies started, and once they have trickled a while.
                for (long pauseMs : new long[] {300, 2500}) {
                    Thread.sleep(pauseMs);
                    long t0 = System.nanoTime();
                    // A new connection each time (a fresh client): the slow ones must not starve the acceptor.
                    HttpResponse<String> r = HttpClient.newHttpClient().send(classify,
                            HttpResponse.BodyHandlers.ofString());
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.println("normal classify beside " + SLOW_CLIENTS + " slow clients: " + ms + " ms");
                    assertEquals(200, r.statusCode(), r.body());
                    // A stalled acceptor would hold it until the slow clients' 30 s idle timeout; 15 s tells the
                    // two apart without timing the server on a loaded machine.
                    assertTrue(ms < 15_000, "a normal classify took " + ms + " ms beside " + SLOW_CLIENTS
                            + " slow clients");
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
            long t0 = System.nanoTime();
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
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String text = response.toString();
            assertTrue(text.startsWith("HTTP/1.1 408"), text);
            assertTrue(text.contains("\"code\":\"request_timeout\""), text);
            assertTrue(ms < 6000, "took " + ms + " ms");
        }
    }

    @Test
    void atTheConnectionLimitIdleConnectionsAreClosedSoonerToMakeRoom() throws Exception {
        ServerOptions.Limits limits = new ServerOptions.Limits(Duration.ofSeconds(30), 1024, 4);
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withLimits(limits),
                FakeTagger.writeModel(tmp.resolve("m"), "fake", "c".repeat(64), 0))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < limits.maxConnections(); i++) {
                    idle.add(new Socket("127.0.0.1", api.port())); // connected, never sends anything
                    // Jetty shortens the idle timeout of the connections it has registered when the limit is hit,
                    // so let each one register (a burst would keep the full 30 s, still bounded).
                    Thread.sleep(200);
                }
                long t0 = System.nanoTime();
                HttpResponse<String> r = api.post("/v1/classify", "{\"text\":\"la police\"}");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, r.statusCode(), r.body());
                // Not served until room was made (the idle timeout at the limit is 2 s), yet well before 30 s.
                assertTrue(ms >= 1000 && ms < 10_000, "served after " + ms + " ms");
                Socket first = idle.get(0);
                first.setSoTimeout(5000);
                assertEquals(-1, first.getInputStream().read(), "an idle connection was closed by the server");
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }
}

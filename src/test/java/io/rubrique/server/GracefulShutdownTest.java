package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM on a real child process serving through {@link ServerLauncher}, as {@code rubrique serve} does. */
class GracefulShutdownTest {
    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A child server whose tag() takes {@code tagMillis}, with the given drain timeout. */
    private Child start(long tagMillis, long drainMillis) throws Exception {
        Path stderr = tmp.resolve("server-" + started.size() + ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", SlowServerMain.class.getName(),
                Long.toString(tagMillis), Long.toString(drainMillis))
                .redirectError(stderr.toFile()).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return new Child(p, out, awaitPort(out, stderr), stderr);
    }

    private record Child(Process process, BufferedReader out, int port, Path stderr) {
        CompletableFuture<HttpResponse<String>> post(String path, String body) {
            return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        void awaitTagging() throws IOException {
            assertEquals("tagging", out.readLine(), "the request reached the tagger");
        }

        /** Sends SIGTERM and waits for the exit (30 s: a hang guard). */
        void terminate() throws Exception {
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "server did not exit");
        }

        String stderrText() throws IOException {
            return Files.readString(stderr);
        }

        void assertCleanExit() throws IOException {
            String err = stderrText();
            assertEquals(0, process.exitValue(), err);
            assertFalse(err.contains("Exception"), "an exception was printed:\n" + err);
            assertFalse(err.contains("\tat "), "a stack trace was printed:\n" + err);
        }
    }

    @Test
    void sigtermLetsTheInFlightRequestFinishAndExitsZero() throws Exception {
        Child c = start(300, 10_000);
        CompletableFuture<HttpResponse<String>> inFlight = c.post("/v1/classify", "{\"text\":\"la police\"}");
        c.awaitTagging();
        c.terminate();
        HttpResponse<String> r = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"security\""), r.body());
        c.assertCleanExit();
    }

    @Test
    void sigtermDuringARequestLongerThanTheDrainTimeoutExitsZeroAtTheDeadlineWithoutAStackTrace() throws Exception {
        // The tag takes ten minutes: the server can only exit (within terminate's hang guard) at the drain deadline.
        Child c = start(600_000, 1_000);
        CompletableFuture<HttpResponse<String>> inFlight = c.post("/v1/classify", "{\"text\":\"la police\"}");
        c.awaitTagging();
        c.terminate();
        c.assertCleanExit();
        assertTrue(c.stderrText().contains("drain timeout"), c.stderrText());
        // A single tag() cannot be interrupted: its connection is closed; it must not look like a success.
        try {
            HttpResponse<String> r = inFlight.get(20, TimeUnit.SECONDS);
            assertNotEquals(200, r.statusCode(), r.body());
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof IOException, e.toString());
        }
    }

    @Test
    void duringTheDrainNewRequestsAndABatchThatCannotFinishAreAnswered503Json() throws Exception {
        Child c = start(300, 3_000);
        try (Socket keepAlive = new Socket("127.0.0.1", c.port())) {
            keepAlive.setSoTimeout(10_000);
            String items = String.join(",", Collections.nCopies(20, "{\"text\":\"la police\"}"));
            CompletableFuture<HttpResponse<String>> batch = c.post("/v1/classify/batch", "{\"items\":[" + items
                    + "]}");
            c.awaitTagging();
            // Used just before the stop: Jetty closes connections idle for 1 s once a stop has begun.
            String health = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            keepAlive.getOutputStream().write(health.getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(keepAlive.getInputStream()).startsWith("HTTP/1.1 200"));
            c.process().destroy(); // SIGTERM
            Thread.sleep(300);

            // A new request on a connection opened before the stop.
            keepAlive.getOutputStream().write(("POST /v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 20\r\n\r\n{\"text\":\"la police\"}")
                    .getBytes(StandardCharsets.US_ASCII));
            String refused = readResponse(keepAlive.getInputStream());
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            // Jetty's graceful stop refuses it before it reaches the API ("unavailable"); the API's own check
            // covers the moment before that ("shutting_down"). Either way, the JSON error shape.
            assertTrue(refused.contains("{\"error\":{\"code\":\"unavailable\"")
                    || refused.contains("{\"error\":{\"code\":\"shutting_down\""), refused);

            // 20 items of 300 ms cannot finish within 3 s: answered 503 before the deadline, not cut off.
            HttpResponse<String> b = batch.get(20, TimeUnit.SECONDS);
            assertEquals(503, b.statusCode(), b.body());
            JsonNode error = TestApi.json(b).path("error");
            assertEquals("shutting_down", error.path("code").asText(), b.body());
            assertTrue(error.path("message").asText().contains("of 20 items"), b.body());

            assertTrue(c.process().waitFor(20, TimeUnit.SECONDS), "server did not exit"); // hang guard
            c.assertCleanExit();
        }
    }

    /** One HTTP/1.1 response with a Content-Length body, as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headers.toLowerCase(Locale.ROOT));
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int awaitPort(BufferedReader out, Path stderr) throws Exception {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("server exited before listening: " + Files.readString(stderr));
    }
}

package io.rubrique.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on a free port and a client for it: what every server test talks to. */
final class TestApi implements AutoCloseable {
    static final ObjectMapper MAPPER = Json.mapper();

    final RubriqueServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    private TestApi(RubriqueServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** Serves the fake model written in {@code modelDir} with {@code options} (port 0 picks a free port). */
    static TestApi start(ServerOptions options, Path modelDir) throws Exception {
        ModelHolder models = ModelHolder.load(FakeTagger.loader(), modelDir);
        return new TestApi(new RubriqueServer(options, models).start());
    }

    /** A client for a server started elsewhere (e.g. on a real model); closing it stops the server. */
    static TestApi wrap(RubriqueServer server) {
        return new TestApi(server);
    }

    static TestApi start(Path modelDir) throws Exception {
        return start(ServerOptions.loopback(0), modelDir);
    }

    /** Sends {@code Authorization: Bearer token} from now on (null: none). */
    TestApi withToken(String newToken) {
        this.token = newToken;
        return this;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.port();
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** The error code of a JSON error response, failing when the body is not the error shape. */
    static String errorCode(HttpResponse<String> r) {
        JsonNode e = json(r).path("error");
        if (!e.path("code").isTextual() || !e.path("message").isTextual()) {
            throw new AssertionError("not an error body (status " + r.statusCode() + "): " + r.body());
        }
        return e.get("code").asText();
    }

    static String errorMessage(HttpResponse<String> r) {
        errorCode(r);
        return json(r).path("error").path("message").asText();
    }

    @Override
    public void close() {
        server.stop();
    }
}

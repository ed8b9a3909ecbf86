package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.model.Manifest;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerErrorsTest {
    @TempDir
    static Path tmp;
    static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.start(FakeTagger.writeModel(tmp.resolve("m"), "fake", "b".repeat(64), 0));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String messagePart) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers()
                .toString());
        assertEquals(code, TestApi.errorCode(r), r.body());
        assertTrue(TestApi.errorMessage(r).contains(messagePart), r.body());
    }

    @Test
    void malformedJsonIs400InvalidJson() {
        assertError(api.post("/v1/classify", "{\"text\": \"a\""), 400, "invalid_json", "body is not valid JSON");
        assertError(api.post("/v1/classify", "{\"text\": \"a\"} {}"), 400, "invalid_json", "body is not valid JSON");
        assertError(api.post("/v1/classify", ""), 400, "invalid_json", "empty");
    }

    @Test
    void invalidJsonIsDescribedPlainlyWithoutJacksonInternals() {
        String[][] cases = {
            {"{\"text\": \"a\"", "body is not valid JSON at line 1, column 13: it ends before the JSON value is"
                + " complete"},
            {"{\"text\": \"a\"} {}", "body is not valid JSON at line 1, column 15: unexpected content after the"
                + " JSON value"},
            {"{\"text\": nope}", "body is not valid JSON at line 1, column 15: unexpected text 'nope'"},
            {"{text: \"a\"}", "body is not valid JSON at line 1, column 2: unexpected character 't'"},
            {"{\"text\": \"a\nb\"}", "body is not valid JSON at line 1, column 12: a control character (such as"
                + " a line break) inside a string must be escaped"},
            {"{\"text\":\"a\",\"text\":\"b\"}", "field 'text' appears more than once"},
            {"[".repeat(2000), "it is nested too deeply"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = api.post("/v1/classify", c[0]);
            assertError(r, 400, "invalid_json", c[1]);
            String m = TestApi.errorMessage(r);
            for (String internal : new String[] {"com.fasterxml", "jackson", "Exception", "Source", "JsonNode",
                "FAIL_ON", "`", "Unrecognized token", "code 1"}) {
                assertFalse(m.contains(internal), "'" + internal + "' in: " + m);
            }
        }
    }

    @Test
    void anUnknownMethodIsNamedAsSent() throws IOException {
        String unknownRoute = raw("FOO /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(unknownRoute.startsWith("HTTP/1.1 405"), unknownRoute);
        assertTrue(unknownRoute.contains("FOO is not allowed"), unknownRoute);
        assertFalse(unknownRoute.contains("INVALID"), unknownRoute);
        String knownRoute = raw("FOO /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(knownRoute.startsWith("HTTP/1.1 405"), knownRoute);
        assertTrue(knownRoute.contains("FOO is not allowed on /health"), knownRoute);
        assertFalse(knownRoute.contains("INVALID"), knownRoute);
    }

    @Test
    void repeatedKeyIsMalformedJson() {
        assertError(api.post("/v1/classify", "{\"text\":\"a\",\"text\":\"b\"}"), 400, "invalid_json", "text");
    }

    @Test
    void missingOrEmptyTextIs422NamingTheField() {
        assertError(api.post("/v1/classify", "{\"title\":\"t\"}"), 422, "invalid_request",
                "text: must be a non-empty string");
        assertError(api.post("/v1/classify", "{\"text\":\"  \"}"), 422, "invalid_request",
                "text: must be a non-empty string");
        assertError(api.post("/v1/classify", "{\"text\":null}"), 422, "invalid_request", "text:");
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        assertError(api.post("/v1/classify", "{\"text\":42}"), 422, "invalid_request",
                "text: must be a non-empty string");
        assertError(api.post("/v1/classify", "{\"title\":[],\"text\":\"a\"}"), 422, "invalid_request",
                "title: must be a string");
        assertError(api.post("/v1/classify", "[\"text\"]"), 422, "invalid_request", "(body): must be a JSON object");
    }

    @Test
    void unknownFieldIs422NamingIt() {
        assertError(api.post("/v1/classify", "{\"text\":\"a\",\"lang\":\"fr\"}"), 422, "invalid_request",
                "lang: unknown field");
        assertError(api.post("/v1/classify/batch", "{\"items\":[{\"text\":\"a\",\"body\":\"b\"}]}"), 422,
                "invalid_request", "items[0].body: unknown field");
    }

    @Test
    void batchItemsMustBeAnArray() {
        assertError(api.post("/v1/classify/batch", "{\"items\":{}}"), 422, "invalid_request", "items: must be an array");
        assertError(api.post("/v1/classify/batch", "{}"), 422, "invalid_request", "items: must be an array");
    }

    @Test
    void badBatchItemIsNamedByIndex() {
        HttpResponse<String> r = api.post("/v1/classify/batch",
                "{\"items\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"},{\"text\":\"\"},{\"id\":5,\"text\":\"e\"}]}");
        assertError(r, 422, "invalid_request", "items[3].text: must be a non-empty string");
        assertEquals("items[4].id: must be a string", TestApi.json(r).at("/error/details/1").asText());
    }

    @Test
    void moreThanAThousandBatchItemsIsRefused() {
        String item = "{\"text\":\"a\"}";
        String ok = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(1000, item)) + "]}";
        assertEquals(200, api.post("/v1/classify/batch", ok).statusCode());
        String tooMany = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(1001, item)) + "]}";
        assertError(api.post("/v1/classify/batch", tooMany), 422, "too_many_items", "items: at most 1000");
    }

    @Test
    void bodyOverOneMebibyteIs413() throws IOException {
        // Declared, not sent: a client pushing the whole body races the server's close of the connection (the
        // answer can be lost to the reset), so the test sends the headers only and reads the answer they earn.
        String response = raw("POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + ((1 << 20) + 16) + "\r\n\r\n{\"text\":\"aaaa");
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(body.contains("\"code\":\"payload_too_large\"") && body.contains("exceeds 1048576 bytes"), body);
        // The connection is gone, but the server is not: the next request is answered.
        assertEquals(200, api.get("/health").statusCode());
    }

    @Test
    void nonJsonContentTypeIs415() {
        assertError(api.send("POST", "/v1/classify", "text/plain", "{\"text\":\"a\"}"), 415,
                "unsupported_media_type", "text/plain");
        assertError(api.send("POST", "/v1/classify/batch", null, "{\"items\":[]}"), 415, "unsupported_media_type",
                "none");
        assertEquals(200, api.send("POST", "/v1/classify", "Application/JSON; charset=utf-8", "{\"text\":\"a\"}")
                .statusCode());
    }

    @Test
    void unknownRouteIs404() {
        assertError(api.get("/v2/classify"), 404, "not_found", "/v2/classify");
        assertError(api.get("/health/"), 404, "not_found", "/health/");
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        HttpResponse<String> r = api.get("/v1/classify");
        assertError(r, 405, "method_not_allowed", "GET is not allowed on /v1/classify");
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> d = api.send("DELETE", "/health", null, null);
        assertError(d, 405, "method_not_allowed", "DELETE");
        assertEquals("GET", d.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void jettyLevelErrorsAreJsonToo() throws IOException {
        String badUri = raw("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(badUri.startsWith("HTTP/1.1 400"), badUri);
        assertJsonErrorBody(badUri);
        String hugeHeader = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(hugeHeader.startsWith("HTTP/1.1 431"), hugeHeader);
        assertJsonErrorBody(hugeHeader);
        String garbage = raw("NOT HTTP AT ALL\r\n\r\n");
        assertTrue(garbage.startsWith("HTTP/1.1 400"), garbage);
        assertJsonErrorBody(garbage);
    }

    @Test
    void unexpectedExceptionIs500WithoutInternals() throws Exception {
        TopicTagger failing = new TopicTagger() {
            private final Manifest manifest = FakeTagger.manifest("failing", "c".repeat(64), 0);

            @Override
            public Tagging tag(String title, String text) {
                throw new IllegalStateException("secret internal detail");
            }

            @Override
            public io.rubrique.data.TopicSet topics() {
                return io.rubrique.data.TopicSet.defaults();
            }

            @Override
            public Manifest manifest() {
                return manifest;
            }
        };
        ModelHolder models = new ModelHolder(dir -> failing, ServedModel.of(failing, tmp));
        RubriqueServer server = new RubriqueServer(ServerOptions.loopback(0), models).start();
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                            + "/v1/classify")).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"a\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(r, 500, "internal_error", "internal error");
            assertFalse(r.body().contains("secret"), r.body());
            assertFalse(r.body().contains("at io."), r.body());
        } finally {
            server.stop();
        }
    }

    private static void assertJsonErrorBody(String rawResponse) {
        assertTrue(rawResponse.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"),
                rawResponse);
        String body = rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
        assertTrue(body.startsWith("{\"error\":{\"code\":"), body);
        assertFalse(body.contains("<html"), body);
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}

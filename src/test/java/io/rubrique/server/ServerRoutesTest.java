package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRoutesTest {
    private static final String SHA = "a".repeat(64);
    @TempDir
    static Path tmp;
    static TestApi api;

    @BeforeAll
    static void start() throws Exception {
        api = TestApi.start(FakeTagger.writeModel(tmp.resolve("m"), "fake-v1", SHA, 0));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void classifyReturnsTopicsScoresAndModel() {
        HttpResponse<String> r = api.post("/v1/classify",
                "{\"title\":\"Cybersécurité\",\"text\":\"La police et la sécurité des données numériques\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode b = TestApi.json(r);
        assertEquals(List.of("digital", "security"), texts(b.get("topics")));
        assertEquals(Set.of("digital", "security", "party-congress", "bilateral-relations"),
                new TreeSet<>(fieldNames(b.get("scores"))));
        assertEquals(0.8, b.get("scores").get("security").asDouble(), 1e-9); // cyber, sécurité x2, police
        assertEquals("fake-v1", b.at("/model/name").asText());
        assertEquals(SHA, b.at("/model/sha256").asText());
    }

    @Test
    void classifyWithoutTitleIsAccepted() {
        HttpResponse<String> r = api.post("/v1/classify", "{\"text\":\"Le congrès du parti\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("party-congress"), texts(TestApi.json(r).get("topics")));
    }

    @Test
    void batchAnswersEveryItemInInputOrderWithItsId() {
        HttpResponse<String> r = api.post("/v1/classify/batch", "{\"items\":["
                + "{\"id\":\"a\",\"text\":\"visite et coopération\"},"
                + "{\"text\":\"rien\"},"
                + "{\"id\":\"c\",\"title\":\"Internet\",\"text\":\"le congrès\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = TestApi.json(r).get("results");
        assertEquals(3, results.size());
        assertEquals("a", results.get(0).get("id").asText());
        assertEquals(List.of("bilateral-relations"), texts(results.get(0).get("topics")));
        assertTrue(results.get(1).get("id").isNull());
        assertEquals(List.of(), texts(results.get(1).get("topics")));
        assertEquals(List.of("digital", "party-congress"), texts(results.get(2).get("topics")));
        assertEquals(SHA, TestApi.json(r).at("/model/sha256").asText());
    }

    @Test
    void batchItemMatchesTheSingleClassifyAnswer() {
        String text = "La coopération bilatérale sur la cyber sécurité";
        JsonNode single = TestApi.json(api.post("/v1/classify", "{\"text\":\"" + text + "\"}"));
        JsonNode batch = TestApi.json(api.post("/v1/classify/batch", "{\"items\":[{\"text\":\"" + text + "\"}]}"));
        assertEquals(single.get("topics"), batch.at("/results/0/topics"));
        assertEquals(single.get("scores"), batch.at("/results/0/scores"));
    }

    @Test
    void modelRouteServesTheManifest() {
        HttpResponse<String> r = api.get("/v1/model");
        assertEquals(200, r.statusCode());
        JsonNode m = TestApi.json(r);
        assertEquals("fake-v1", m.get("name").asText());
        assertEquals(SHA, m.get("model_sha256").asText());
        assertEquals(io.rubrique.model.Manifest.FORMAT_VERSION, m.get("format_version").asInt());
    }

    @Test
    void healthReportsOkAndTheModel() {
        JsonNode h = TestApi.json(api.get("/health"));
        assertEquals("ok", h.get("status").asText());
        assertEquals("fake-v1", h.at("/model/name").asText());
    }

    @Test
    void metricsCountRequestsAndExposeConsistentHistograms() {
        Map<String, Double> before = parseMetrics(api.get("/metrics").body());
        String key = "rubrique_http_requests_total{route=\"/v1/classify\",method=\"POST\",status=\"200\"}";
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.post("/v1/classify", "{\"text\":\"x\"}").statusCode());
        }
        api.post("/v1/classify", "{\"text\":\"\"}");
        api.get("/no/such/route");
        HttpResponse<String> r = api.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> after = parseMetrics(r.body());
        assertEquals(before.getOrDefault(key, 0.0) + 3, after.get(key));
        assertTrue(after.get("rubrique_http_requests_total{route=\"/v1/classify\",method=\"POST\",status=\"422\"}")
                >= 1);
        assertTrue(after.get("rubrique_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}")
                >= 1);
        assertEquals(1.0, after.get("rubrique_model_info{name=\"fake-v1\",sha256=\"" + SHA + "\"}"));

        String h = "rubrique_http_request_duration_seconds";
        String route = "route=\"/v1/classify\"";
        double previous = 0;
        for (double le : Metrics.BUCKETS) {
            String leText = java.math.BigDecimal.valueOf(le).stripTrailingZeros().toPlainString();
            double v = after.get(h + "_bucket{" + route + ",le=\"" + leText + "\"}");
            assertTrue(v >= previous, "buckets are cumulative");
            previous = v;
        }
        double inf = after.get(h + "_bucket{" + route + ",le=\"+Inf\"}");
        assertTrue(inf >= previous);
        assertEquals(inf, after.get(h + "_count{" + route + "}"));
        assertTrue(after.get(h + "_count{" + route + "}") >= 4);
        assertTrue(after.get(h + "_sum{" + route + "}") > 0);
    }

    @Test
    void openApiDocumentDescribesExactlyTheServedRoutes() {
        HttpResponse<String> r = api.get("/openapi.json");
        assertEquals(200, r.statusCode());
        JsonNode doc = TestApi.json(r);
        assertTrue(doc.get("openapi").asText().startsWith("3.0"));
        Map<String, Set<String>> documented = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Set<String> methods = new TreeSet<>();
            e.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(java.util.Locale.ROOT)));
            documented.put(e.getKey(), methods);
        }
        Map<String, Set<String>> served = new TreeMap<>();
        api.server.routes().forEach((p, m) -> served.put(p, new TreeSet<>(m)));
        assertEquals(served, documented);
        // And each documented operation really is routed (neither 404 nor 405) on the running server.
        documented.forEach((path, methods) -> methods.forEach(m -> {
            int status = api.send(m, path, "application/json", m.equals("GET") ? null : "{}").statusCode();
            assertNotEquals(404, status, m + " " + path);
            assertNotEquals(405, status, m + " " + path);
        }));
    }

    /** Parses the exposition format: every sample line is {@code name{labels} value}; comments are skipped. */
    static Map<String, Double> parseMetrics(String text) {
        Map<String, Double> m = new HashMap<>();
        Pattern line = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)");
        for (String l : text.split("\n")) {
            if (l.startsWith("#") || l.isEmpty()) {
                assertTrue(l.isEmpty() || l.startsWith("# HELP ") || l.startsWith("# TYPE "), l);
                continue;
            }
            Matcher mt = line.matcher(l);
            assertTrue(mt.matches(), "not a sample line: " + l);
            assertFalse(m.containsKey(mt.group(1)), "duplicate series " + mt.group(1));
            m.put(mt.group(1), Double.parseDouble(mt.group(2)));
        }
        return m;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> fieldNames(JsonNode obj) {
        List<String> out = new ArrayList<>();
        obj.fieldNames().forEachRemaining(out::add);
        return out;
    }
}

package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No answer names an absolute path of the serving (or training) machine. */
class PathDisclosureTest {
    private static final String TOKEN = "t";
    @TempDir
    Path tmp;

    @Test
    void theModelRouteShowsTrainingDataPathsByNameOnly() throws Exception {
        Path dir = FakeTagger.writeModel(tmp.resolve("m"), "fake", "a".repeat(64), 0);
        Path manifest = dir.resolve("manifest.json");
        ObjectNode m = (ObjectNode) Json.mapper().readTree(manifest.toFile());
        ((ObjectNode) m.get("data")).put("path", "/home/trainer/secret-corpus/set/snippets.jsonl");
        m.putObject("unlabelled").put("path", "/srv/private/inbox.jsonl").put("items", 3)
                .put("sha256", "0".repeat(64)).put("method", "self-training");
        Files.writeString(manifest, Json.prettyMapper().writeValueAsString(m));
        try (TestApi api = TestApi.start(dir)) {
            HttpResponse<String> r = api.get("/v1/model");
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(r.body().contains("/home/trainer"), r.body());
            assertFalse(r.body().contains("/srv/private"), r.body());
            assertFalse(r.body().contains(tmp.toString()), r.body());
            JsonNode b = TestApi.json(r);
            assertEquals("snippets.jsonl", b.at("/data/path").asText());
            assertEquals("inbox.jsonl", b.at("/unlabelled/path").asText());
            assertEquals("a".repeat(64), b.get("model_sha256").asText());
        }
    }

    @Test
    void theReloadAnswerShowsADirectoryOutsideTheWorkingDirectoryByNameOnly() throws Exception {
        Path a = FakeTagger.writeModel(tmp.resolve("a"), "model-a", "a".repeat(64), 0);
        Path b = FakeTagger.writeModel(tmp.resolve("b"), "model-b", "b".repeat(64), 0);
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withToken(TOKEN), a).withToken(TOKEN)) {
            HttpResponse<String> r = reload(api, b.toAbsolutePath());
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(r.body().contains(tmp.toString()), r.body());
            assertEquals("b", TestApi.json(r).get("path").asText());

            HttpResponse<String> served = api.post("/v1/admin/reload", "{}");
            assertEquals(200, served.statusCode(), served.body());
            assertEquals("b", TestApi.json(served).get("path").asText());
        }
    }

    @Test
    void theReloadAnswerShowsADirectoryInsideTheWorkingDirectoryRelativeToIt() throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        Path inside = Files.createTempDirectory(target, "path-disclosure-");
        try {
            Path a = FakeTagger.writeModel(tmp.resolve("a"), "model-a", "a".repeat(64), 0);
            Path b = FakeTagger.writeModel(inside.resolve("b"), "model-b", "b".repeat(64), 0);
            try (TestApi api = TestApi.start(ServerOptions.loopback(0).withToken(TOKEN), a).withToken(TOKEN)) {
                HttpResponse<String> r = reload(api, b.toAbsolutePath());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("target/" + inside.getFileName() + "/b", TestApi.json(r).get("path").asText());
                assertFalse(r.body().contains(Path.of("").toAbsolutePath().toString()), r.body());
            }
        } finally {
            AtomicFiles.deleteRecursively(inside);
        }
    }

    @Test
    void aRefusedReloadNamesTheDirectoryWithoutItsAbsolutePath() throws Exception {
        Path a = FakeTagger.writeModel(tmp.resolve("a"), "model-a", "a".repeat(64), 0);
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withToken(TOKEN), a).withToken(TOKEN)) {
            HttpResponse<String> r = reload(api, tmp.resolve("nowhere").toAbsolutePath());
            assertEquals(409, r.statusCode(), r.body());
            String message = TestApi.errorMessage(r);
            assertTrue(message.contains("nowhere"), message);
            assertFalse(r.body().contains(tmp.toString()), r.body());
        }
    }

    private static HttpResponse<String> reload(TestApi api, Path dir) {
        return api.post("/v1/admin/reload", "{\"path\":" + TestApi.MAPPER.valueToTree(dir.toString()) + "}");
    }
}

package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.TopicSet;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import io.rubrique.model.CoreFixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** The server on a real model, trained on the repository's labels with the default learner and saved to disk. */
class RealModelServerTest {
    @TempDir
    static Path tmp;

    @Test
    void servesATrainedModelWithItsManifestChecksum() throws Exception {
        Path MODEL = tmp.resolve("model");
        CoreFixtures.trainAndSave(CoreFixtures.fixed("smo", ""), CoreFixtures.labels(), 42, MODEL);
        ModelHolder models = ModelHolder.load(ModelLoader.standard(), MODEL);
        RubriqueServer server = new RubriqueServer(ServerOptions.loopback(0), models).start();
        try (TestApi api = TestApi.wrap(server)) {
            String text = "Le Vietnam et Singapour renforcent leur coopération en matière de cybersécurité et de"
                    + " transformation numérique, lors de la visite officielle du Premier ministre.";
            HttpResponse<String> r = api.post("/v1/classify", "{\"title\":\"Coopération numérique\",\"text\":\""
                    + text + "\"}");
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
                    + "\"Coopération numérique\",\"text\":\"" + text + "\"}]}"));
            assertEquals(b.get("topics"), batch.at("/results/0/topics"));
            assertEquals(b.get("scores"), batch.at("/results/0/scores"));
        }
    }
}

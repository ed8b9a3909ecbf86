package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.TopicSet;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /openapi.json describes the topics of the model being served, and follows it through a reload. */
class OpenApiTopicsTest {
    private static final String TOKEN = "t";
    @TempDir
    Path tmp;

    @Test
    void theDocumentNamesTheServedModelsTopicsInDeclaredOrderAndChangesOnReload() throws Exception {
        Path a = FakeTagger.writeModel(tmp.resolve("a"), "model-a", "a".repeat(64), 0);
        TopicSet other = TopicSet.ofIds("sport", "economy", "culture");
        Path b = FakeTagger.writeModel(tmp.resolve("b"), "model-b", "b".repeat(64), 0, other);
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withToken(TOKEN), a).withToken(TOKEN)) {
            assertDescribes(api, TopicSet.defaults().ids());

            HttpResponse<String> r = api.post("/v1/admin/reload", "{\"path\":" + TestApi.MAPPER.valueToTree(
                    b.toString()) + "}");
            assertEquals(200, r.statusCode(), r.body());
            assertDescribes(api, List.of("sport", "economy", "culture"));
            assertFalse(api.get("/openapi.json").body().contains("party-congress"));
        }
    }

    /** Every place a client would look names exactly {@code ids}, and classify answers with exactly them. */
    private static void assertDescribes(TestApi api, List<String> ids) {
        HttpResponse<String> r = api.get("/openapi.json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = TestApi.json(r);
        JsonNode schemas = doc.at("/components/schemas");
        for (String response : new String[] {"ClassifyResponse", "BatchResult"}) {
            JsonNode props = schemas.at("/" + response + "/properties");
            assertEquals(ids, ServerRoutesTest.texts(props.at("/topics/items/enum")), response);
            assertEquals(ids, ServerRoutesTest.fieldNames(props.at("/scores/properties")), response);
            assertEquals(ids, ServerRoutesTest.texts(props.at("/scores/required")), response);
            assertEquals(false, props.at("/scores/additionalProperties").asBoolean(true), response);
            assertEquals("number", props.at("/scores/properties/" + ids.get(0) + "/type").asText(), response);
        }
        assertEquals(ids, ServerRoutesTest.texts(schemas.at("/Topic/enum")));
        assertEquals(ids, ServerRoutesTest.fieldNames(schemas.at("/Scores/properties")));
        assertEquals(ids, ServerRoutesTest.fieldNames(TestApi.json(api.post("/v1/classify",
                "{\"text\":\"la police\"}")).get("scores")), "classify answers with the documented topics");
    }
}

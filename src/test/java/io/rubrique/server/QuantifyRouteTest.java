package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.TopicTagger;
import io.rubrique.quant.Estimators;
import io.rubrique.quant.GroupBy;
import io.rubrique.quant.Quantification;
import io.rubrique.quant.Quantifier;
import io.rubrique.quant.References;
import io.rubrique.quant.TaggedItem;
import io.rubrique.quant.QuantFixtures;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/quantify} on a real model that kept its held-out scores: the same answer as the Java API. */
class QuantifyRouteTest {
    @TempDir
    static Path tmp;
    static Path model;
    static TestApi api;
    static LabelSet data;

    @BeforeAll
    static void trainAndServe() throws Exception {
        data = QuantFixtures.labels();
        model = tmp.resolve("model");
        QuantFixtures.trainAndSave(data, model);
        api = TestApi.wrap(new RubriqueServer(ServerOptions.loopback(0),
                ModelHolder.load(ModelLoader.standard(), model)).start());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static LocalDate dateOf(int i) {
        return LocalDate.parse(i % 2 == 0 ? "2026-11-02" : "2026-11-12");
    }

    @Test
    void weeklySharesEqualWhatTheJavaApiComputes() throws Exception {
        ObjectNode body = TestApi.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < data.items().size(); i++) {
            LabelledItem it = data.items().get(i);
            items.addObject().put("id", it.id()).put("title", it.title()).put("text", it.text())
                    .put("date", dateOf(i).toString());
        }
        body.put("by", "week");
        HttpResponse<String> r = api.post("/v1/quantify", body.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = TestApi.json(r);

        TopicTagger tagger = TopicTagger.load(model);
        List<TaggedItem> tagged = new ArrayList<>();
        for (int i = 0; i < data.items().size(); i++) {
            LabelledItem it = data.items().get(i);
            tagged.add(new TaggedItem(dateOf(i), null, tagger.tag(it.title(), it.text())));
        }
        Object expected = new Quantification(tagger.topics(), References.of(tagger),
                new Quantifier(Estimators.standard().get(Estimators.DEFAULT))).run(tagged, GroupBy.WEEK);
        assertEquals(TestApi.MAPPER.readTree(TestApi.MAPPER.writeValueAsString(expected)), answer);
        assertEquals(List.of("2026-W45", "2026-W46"), List.of(answer.at("/groups/0/key").asText(),
                answer.at("/groups/1/key").asText()));
    }

    @Test
    void badFieldsAre422sNamingTheirPath() {
        HttpResponse<String> r = api.post("/v1/quantify",
                "{\"items\":[{\"text\":\"a\"},{\"text\":\"b\",\"date\":\"11/05/2026\"}],\"by\":\"year\"}");
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("invalid_request", TestApi.errorCode(r));
        assertTrue(r.body().contains("items[1].date: not an ISO 8601 date"), r.body());
        assertTrue(r.body().contains("by: must be one of none, day, week, month, source"), r.body());
        HttpResponse<String> m = api.post("/v1/quantify", "{\"items\":[{\"text\":\"a\"}],\"method\":\"magic\"}");
        assertEquals(422, m.statusCode());
        assertTrue(TestApi.errorMessage(m).startsWith("method: must be one of cc, acc"), m.body());
        assertEquals(422, api.post("/v1/quantify", "{\"items\":[]}").statusCode());
        assertEquals(400, api.post("/v1/quantify", "{\"items\":").statusCode());
    }
}

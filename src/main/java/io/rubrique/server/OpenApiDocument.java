package io.rubrique.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI document of the served model. The topics are data (each model declares its own), so the static
 * {@code openapi.json} is a template: its {@code Topic} and {@code Scores} schemas are replaced by ones naming the
 * model's topic ids in declared order (an enum, and one score property per topic), and inlined where the response
 * schemas refer to them, so that a client reading either place sees the topics it will get.
 */
final class OpenApiDocument {
    private static final String TOPIC_REF = "#/components/schemas/Topic";
    private static final String SCORES_REF = "#/components/schemas/Scores";

    private final ObjectMapper mapper;
    private final ObjectNode template;

    OpenApiDocument(ObjectMapper mapper, String resource) {
        this.mapper = mapper;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath");
            }
            this.template = (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /** The document for a model with these topics (the template is never modified). */
    ObjectNode forModel(TopicSet topics, ServedModel.ModelRef model) {
        ObjectNode doc = template.deepCopy();
        ObjectNode info = (ObjectNode) doc.get("info");
        info.put("description", info.path("description").asText() + " Served model: " + model.name()
                + " (sha256 " + model.sha256() + "); its topics, in declared order: " + String.join(", ",
                topics.ids()) + ".");
        ObjectNode topic = topicSchema(topics);
        ObjectNode scores = scoresSchema(topics);
        ObjectNode schemas = (ObjectNode) doc.at("/components/schemas");
        schemas.set("Topic", topic);
        schemas.set("Scores", scores);
        inline(doc, topic, scores);
        return doc;
    }

    private ObjectNode topicSchema(TopicSet topics) {
        ObjectNode s = mapper.createObjectNode();
        s.put("type", "string");
        s.put("description", "A topic id of the served model.");
        ArrayNode values = s.putArray("enum");
        topics.ids().forEach(values::add);
        return s;
    }

    private ObjectNode scoresSchema(TopicSet topics) {
        ObjectNode s = mapper.createObjectNode();
        s.put("type", "object");
        s.put("description", "A score in [0, 1] for every topic of the served model, in declared order.");
        s.put("additionalProperties", false);
        ArrayNode required = s.putArray("required");
        ObjectNode properties = s.putObject("properties");
        for (TopicDef t : topics.topics()) {
            required.add(t.id());
            ObjectNode p = properties.putObject(t.id());
            p.put("type", "number");
            p.put("minimum", 0);
            p.put("maximum", 1);
            String definition = t.definition().isBlank() ? "" : ": " + t.definition();
            p.put("description", t.name() + definition);
        }
        return s;
    }

    /** Replaces every {@code {"$ref": Topic|Scores}} outside the components' own definitions by a copy. */
    private static void inline(JsonNode node, ObjectNode topic, ObjectNode scores) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode replacement = replacement(e.getValue(), topic, scores);
                if (replacement != null) {
                    e.setValue(replacement);
                } else {
                    inline(e.getValue(), topic, scores);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode replacement = replacement(array.get(i), topic, scores);
                if (replacement != null) {
                    array.set(i, replacement);
                } else {
                    inline(array.get(i), topic, scores);
                }
            }
        }
    }

    private static JsonNode replacement(JsonNode node, ObjectNode topic, ObjectNode scores) {
        if (!node.isObject() || node.size() != 1 || !node.has("$ref")) {
            return null;
        }
        String ref = node.get("$ref").asText();
        return TOPIC_REF.equals(ref) ? topic.deepCopy() : SCORES_REF.equals(ref) ? scores.deepCopy() : null;
    }
}

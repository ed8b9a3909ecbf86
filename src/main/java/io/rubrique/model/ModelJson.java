package io.rubrique.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON of model files. Binding to records goes through one Jackson mapper (the project's settings), with a
 * strict reader and a pretty writer derived from it, all made on first use: loading a model does not bind
 * anything, because building a mapper and introspecting the manifest's record types cost 170-200 ms of a
 * fresh JVM, about half of what a load took. Loading reads JSON into trees with the streaming parser
 * alone ({@link #readTree}) and compares trees; the records are bound only when someone asks for them.
 */
final class ModelJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelJson() {
    }

    /** The project's mapper: what the provenance inside a model file is written and read with. */
    static ObjectMapper mapper() {
        return Mappers.MAPPER;
    }

    /** Manifests are bound without accepting 2.0 for an int (a format version must be exact). */
    static ObjectReader strict() {
        return Mappers.STRICT;
    }

    /** Manifests are written for people to read. */
    static ObjectWriter pretty() {
        return Mappers.PRETTY;
    }

    /** Class initialisation is the "made on first use" (readers and writers share their mapper's caches). */
    private static final class Mappers {
        static final ObjectMapper MAPPER = Json.mapper();
        static final ObjectReader STRICT = MAPPER.reader().without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        static final ObjectWriter PRETTY = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The tree of one JSON document, equal to what the project's mapper's {@code readTree} gives (same node
     * types: int, long, big-integer and double numbers; the last of duplicate keys kept), and like it refusing
     * trailing content. {@code ModelJsonTest} compares the two.
     */
    static JsonNode readTree(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("no JSON content");
            }
            JsonNode root = value(p, first);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new IOException("trailing token " + after + " after the JSON document, at "
                        + p.currentLocation().offsetDescription());
            }
            return root;
        }
    }

    /** {@link #readTree(byte[])} of a string. */
    static JsonNode readTree(String json) throws IOException {
        return readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected token " + t + " at " + p.currentLocation().offsetDescription());
        }
    }

    private static final Set<String> TOPIC_FIELDS = Set.of("id", "name", "definition", "seed_words");

    /**
     * The topic set of a tree written from a {@link TopicSet} ({@code {"topics": [{"id", "name", "definition",
     * "seed_words"}]}}), built without binding: a model needs its topics to tag, and nothing else of its
     * provenance. Refuses what binding would refuse (a missing id, an unknown field, a wrong type).
     */
    static TopicSet topics(JsonNode tree) throws IOException {
        JsonNode list = tree == null ? null : tree.get("topics");
        if (list == null || !list.isArray() || tree.size() != 1) {
            throw new IOException("topics must be an object holding only a \"topics\" array");
        }
        List<TopicDef> defs = new ArrayList<>();
        for (JsonNode d : list) {
            if (!d.isObject()) {
                throw new IOException("a topic must be an object");
            }
            for (Iterator<String> names = d.fieldNames(); names.hasNext();) {
                String n = names.next();
                if (!TOPIC_FIELDS.contains(n)) {
                    throw new IOException("unknown topic field \"" + n + "\"");
                }
            }
            List<String> seeds = null;
            JsonNode s = d.get("seed_words");
            if (s != null && !s.isNull()) {
                if (!s.isArray()) {
                    throw new IOException("seed_words must be an array");
                }
                seeds = new ArrayList<>();
                for (JsonNode w : s) {
                    seeds.add(text(w, "seed_words"));
                }
            }
            try {
                defs.add(new TopicDef(text(d.get("id"), "id"), text(d.get("name"), "name"),
                        text(d.get("definition"), "definition"), seeds));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException("invalid topic: " + e.getMessage(), e);
            }
        }
        try {
            return TopicSet.of(defs);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid topics: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) throws IOException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IOException(field + " must be a string");
        }
        return n.textValue();
    }
}

package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming tree reader and the unbound topic reader a model load uses instead of the mapper must give
 * exactly what the mapper gives (node types included), and refuse what it refuses.
 */
class ModelJsonTest {
    private static void assertSameTree(String json) throws IOException {
        JsonNode expected = Json.mapper().readTree(json);
        JsonNode actual = ModelJson.readTree(json);
        assertEquals(expected, actual, json);
        assertEquals(expected.toString(), actual.toString(), json);
    }

    @Test
    void theTreeIsTheMappersWithTheSameNumberTypes() throws IOException {
        assertSameTree("{\"a\": 1, \"b\": 3000000000, \"c\": 123456789012345678901234567890, \"d\": 0.1,"
                + " \"e\": -1e300, \"f\": 2.0, \"g\": [true, false, null, \"x\\u00e9\\n\"], \"h\": {}, \"i\": []}");
        assertSameTree("{\"dup\": 1, \"dup\": \"last wins\"}");
        assertSameTree("[1, [2, [3, {\"k\": [4]}]]]");
        assertSameTree("\"just a string\"");
        assertSameTree("-0.0");
    }

    @Test
    void randomDocumentsGiveTheMappersTree() throws IOException {
        Random r = new Random(17);
        for (int i = 0; i < 500; i++) {
            assertSameTree(random(r, 0));
        }
    }

    private static String random(Random r, int depth) {
        int kind = depth > 4 ? 2 + r.nextInt(5) : r.nextInt(7);
        switch (kind) {
            case 0 -> {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append("\"k").append(r.nextInt(3)).append("\":")
                            .append(random(r, depth + 1));
                }
                return sb.append('}').toString();
            }
            case 1 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(random(r, depth + 1));
                }
                return sb.append(']').toString();
            }
            case 2 -> {
                return Long.toString(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt());
            }
            case 3 -> {
                return Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            }
            case 4 -> {
                return "\"" + (char) ('a' + r.nextInt(26)) + "\\u00" + Integer.toHexString(0xa0 + r.nextInt(90)) + "\"";
            }
            case 5 -> {
                return r.nextBoolean() ? "true" : "null";
            }
            default -> {
                return "9" + "0".repeat(r.nextInt(25));
            }
        }
    }

    @Test
    void trailingContentAndEmptyInputAreRefusedAsByTheMapper() {
        assertThrows(IOException.class, () -> Json.mapper().readTree("{\"a\": 1} {\"b\": 2}"));
        assertThrows(IOException.class, () -> ModelJson.readTree("{\"a\": 1} {\"b\": 2}"));
        assertThrows(IOException.class, () -> ModelJson.readTree("{\"a\": 1"));
        assertThrows(IOException.class, () -> ModelJson.readTree(""));
        assertThrows(IOException.class, () -> ModelJson.readTree("{\"a\": tru}"));
    }

    @Test
    void theJsonFilesOfTheRepositoryReadTheSame() throws IOException {
        int read = 0;
        for (Path root : List.of(Path.of("experiments"), io.rubrique.data.SeedLabels.DIR)) {
            try (var files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    assertSameTree(Files.readString(p));
                    read++;
                }
            }
        }
        assertTrue(read >= 10, "configs, study configs and topics.json: " + read);
    }

    @Test
    void topicsReadWithoutBindingAreTheBoundTopics() throws IOException {
        TopicSet defaults = TopicSet.defaults();
        JsonNode tree = Json.mapper().valueToTree(defaults);
        TopicSet read = ModelJson.topics(ModelJson.readTree(tree.toString()));
        assertEquals(defaults, read);
        for (String id : defaults.ids()) {
            assertEquals(defaults.get(id), read.get(id));
        }
        TopicSet bare = TopicSet.of(List.of(new TopicDef("economy", null, null, null),
                new TopicDef("a-b2", "A b", "def", List.of("x", "y z"))));
        assertEquals(bare, ModelJson.topics(ModelJson.readTree(Json.mapper().writeValueAsString(bare))));
        assertEquals(bare.get("a-b2"), ModelJson.topics(ModelJson.readTree(Json.mapper().writeValueAsString(bare)))
                .get("a-b2"));
    }

    @Test
    void malformedTopicsAreRefusedWithAReason() {
        for (String bad : List.of("{\"topics\": [{\"id\": \"Bad Id\"}]}", "{\"topics\": [{\"name\": \"no id\"}]}",
                "{\"topics\": [{\"id\": \"a\", \"colour\": \"red\"}]}", "{\"topics\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}",
                "{\"topics\": []}", "{\"topics\": {}}", "{\"topics\": [], \"more\": 1}",
                "{\"topics\": [{\"id\": \"a\", \"seed_words\": \"x\"}]}", "{\"topics\": [{\"id\": 7}]}")) {
            IOException e = assertThrows(IOException.class, () -> ModelJson.topics(ModelJson.readTree(bad)), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
    }
}

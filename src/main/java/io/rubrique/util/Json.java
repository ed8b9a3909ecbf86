package io.rubrique.util;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The project's Jackson configuration: snake_case names in every JSON file and API (Java records stay camelCase),
 * strict on unknown fields, no trailing tokens. Maps are written in their own iteration order (never re-sorted),
 * so per-topic values keep the declared topic order; every serialized map is ordered (LinkedHashMap, TreeMap).
 */
public final class Json {
    private Json() {
    }

    /** A new mapper with the project's settings (ObjectMapper is thread-safe once configured; share it). */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }

    private static final ObjectMapper LINES = mapper();

    /**
     * The JSON object of one line of a JSON-lines file, or null when the line is blank, broken or not an object (a
     * hand edit): for rewrites that must keep every other line as it is.
     */
    public static com.fasterxml.jackson.databind.JsonNode objectOrNull(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = LINES.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Same settings, pretty-printed: for files people read (manifests, reports, configs). */
    public static ObjectMapper prettyMapper() {
        return mapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}

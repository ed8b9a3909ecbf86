package io.rubrique.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.util.Json;

/**
 * Parses one input line of {@code rubrique classify}: {@code {"id": …, "title": … (optional), "text": …}}. Other
 * fields (e.g. gold topics) are ignored, so a labels file can be classified as it is. A missing id becomes the
 * line number.
 */
public final class SnippetLine {
    private static final ObjectMapper MAPPER = Json.mapper();

    private SnippetLine() {
    }

    /** The parsed snippet, or a problem naming the field; never both. */
    public record Result(Snippet snippet, String problem) {
    }

    public static Result parse(String line, long lineNumber) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return fail("invalid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            return fail("expected a JSON object");
        }
        JsonNode text = n.get("text");
        if (text == null || text.isNull()) {
            return fail("text: missing");
        }
        if (!text.isTextual()) {
            return fail("text: must be a string, was " + text.getNodeType().toString().toLowerCase());
        }
        if (text.asText().isBlank()) {
            return fail("text: must not be empty");
        }
        JsonNode title = n.get("title");
        if (title != null && !title.isNull() && !title.isTextual()) {
            return fail("title: must be a string, was " + title.getNodeType().toString().toLowerCase());
        }
        JsonNode id = n.get("id");
        String idText;
        if (id == null || id.isNull()) {
            idText = Long.toString(lineNumber);
        } else if (id.isTextual() || id.isNumber()) {
            idText = id.asText();
        } else {
            return fail("id: must be a string or a number");
        }
        return new Result(new Snippet(idText, title == null || title.isNull() ? "" : title.asText(), text.asText()),
                null);
    }

    private static Result fail(String problem) {
        return new Result(null, problem);
    }
}

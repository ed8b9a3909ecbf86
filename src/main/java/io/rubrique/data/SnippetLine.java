package io.rubrique.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.util.Json;
import java.io.IOException;

/**
 * Parses one input line of {@code rubrique classify}: {@code {"id": …, "title": … (optional), "text": …,
 * "date": … (optional, ISO 8601)}}. Other fields (e.g. gold topics) are ignored, so a labels file can be classified
 * as it is. A missing id becomes the line number.
 *
 * <p>A line is first read with Jackson's streaming parser, which takes a third of the time of building a tree: when
 * it is an object whose id is a string or null, whose title is a string or null and whose text is a non-blank
 * string, with nothing after it, that is the snippet (the last of repeated fields, as in the tree). Anything else
 * (numbers as ids, wrong types, missing text, malformed JSON) goes through the tree as before, so every problem is
 * reported with the same words.
 */
public final class SnippetLine {
    private static final ObjectMapper MAPPER = Json.mapper();

    private SnippetLine() {
    }

    /** The parsed snippet, or a problem naming the field; never both. */
    public record Result(Snippet snippet, String problem) {
    }

    public static Result parse(String line, long lineNumber) {
        Snippet fast = streaming(line, lineNumber);
        return fast != null ? new Result(fast, null) : viaTree(line, lineNumber);
    }

    /** The snippet of a plain line, or null for any line the tree should judge. */
    private static Snippet streaming(String line, long lineNumber) {
        try (JsonParser p = MAPPER.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            String title = null;
            String text = null;
            java.time.LocalDate date = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id", "title", "text" -> {
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        String value = v == JsonToken.VALUE_NULL ? null : p.getText();
                        if (name.equals("id")) {
                            id = value;
                        } else if (name.equals("title")) {
                            title = value;
                        } else {
                            text = value;
                        }
                    }
                    case "date" -> {
                        if (v == JsonToken.VALUE_NULL) {
                            date = null;
                        } else if (v != JsonToken.VALUE_STRING) {
                            return null;
                        } else {
                            date = ItemDate.parse(p.getText()).orElse(null);
                            if (date == null) {
                                return null;
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || text == null || text.isBlank()) {
                return null;
            }
            return new Snippet(id == null ? Long.toString(lineNumber) : id, title == null ? "" : title, text, date);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The line judged on its Jackson tree: the only path before the streaming one (kept for the problems). */
    static Result viaTree(String line, long lineNumber) {
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
        JsonNode dateNode = n.get("date");
        java.time.LocalDate date = null;
        if (dateNode != null && !dateNode.isNull()) {
            if (!dateNode.isTextual()) {
                return fail("date: must be a string (" + ItemDate.EXPECTED + "), was "
                        + dateNode.getNodeType().toString().toLowerCase());
            }
            java.util.Optional<String> bad = ItemDate.problem(dateNode.asText());
            if (bad.isPresent()) {
                return fail("date: " + bad.get());
            }
            date = ItemDate.parse(dateNode.asText()).orElseThrow();
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
        return new Result(new Snippet(idText, title == null || title.isNull() ? "" : title.asText(), text.asText(),
                date), null);
    }

    private static Result fail(String problem) {
        return new Result(null, problem);
    }
}

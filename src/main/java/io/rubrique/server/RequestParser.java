package io.rubrique.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rubrique.data.Snippet;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns request bodies into validated values. Validation walks the Jackson tree by hand so every problem names
 * its exact field path ({@code items[3].text}); malformed JSON is a 400, a well-formed body with bad fields a 422.
 */
public final class RequestParser {
    /** The most items one batch request may carry. */
    public static final int MAX_BATCH_ITEMS = 1000;
    private static final int MAX_DETAILS = 50;
    private static final Set<String> CLASSIFY_FIELDS = Set.of("title", "text");
    private static final Set<String> BATCH_FIELDS = Set.of("items");
    private static final Set<String> ITEM_FIELDS = Set.of("id", "title", "text");
    private static final Set<String> RELOAD_FIELDS = Set.of("path");

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:Object property|field) \"?'?([^'\"]*)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '([^']*)'");
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\('(.+?)' \\(code");

    private final ObjectReader reader;

    public RequestParser(ObjectMapper mapper) {
        // A repeated key is ambiguous (which text did the client mean?), so it is malformed JSON here.
        this.reader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** One snippet from {@code {"title"?, "text"}}. */
    public Snippet classify(byte[] body) {
        JsonNode root = parse(body);
        Problems p = new Problems();
        Snippet s = snippet(root, "", CLASSIFY_FIELDS, p);
        p.throwIfAny();
        return s;
    }

    /** The snippets of {@code {"items": [{"id"?, "title"?, "text"}, ...]}}, in input order. */
    public List<Snippet> batch(byte[] body) {
        JsonNode root = parse(body);
        Problems p = new Problems();
        requireObject(root, "", BATCH_FIELDS, p);
        p.throwIfAny();
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            throw invalid("items: must be an array of {id?, title?, text} objects");
        }
        if (items.size() > MAX_BATCH_ITEMS) {
            throw new ApiException(422, "too_many_items",
                    "items: at most " + MAX_BATCH_ITEMS + " items per request, got " + items.size());
        }
        List<Snippet> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(snippet(items.get(i), "items[" + i + "].", ITEM_FIELDS, p));
        }
        p.throwIfAny();
        return out;
    }

    /** A body that must be one JSON object (duplicate keys refused as malformed, like every body here). */
    public JsonNode object(byte[] body) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new ApiException(400, "invalid_json", "body must be a JSON object");
        }
        return root;
    }

    /** The optional model directory of a reload request; null means "the directory being served". */
    public Path reloadPath(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode root = parse(body);
        Problems p = new Problems();
        requireObject(root, "", RELOAD_FIELDS, p);
        p.throwIfAny();
        JsonNode path = root.get("path");
        if (path == null || path.isNull()) {
            return null;
        }
        if (!path.isTextual() || path.asText().isBlank()) {
            throw invalid("path: must be a non-empty string");
        }
        try {
            return Path.of(path.asText());
        } catch (InvalidPathException e) {
            throw invalid("path: not a valid path: " + e.getMessage());
        }
    }

    /** The body as a JSON tree, refusing what {@link #classify} refuses as malformed (for other requests' readers). */
    public JsonNode tree(byte[] body) {
        return parse(body);
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new ApiException(400, "invalid_json", "request body is empty; expected a JSON object");
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", notJson(e));
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "body is not valid JSON");
        }
    }

    /**
     * A plain description of why a body is not JSON: where, and what was found there in the client's terms.
     * Jackson's own messages name its classes, features and input sources, so they are never passed on.
     */
    static String notJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String what = reason(e);
        return "body is not valid JSON" + where + (what.isEmpty() ? "" : ": " + what);
    }

    private static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException) {
            return "it ends before the JSON value is complete";
        }
        if (e instanceof StreamConstraintsException) {
            return "it is nested too deeply, or holds a number or string that is too long";
        }
        Matcher dup = DUPLICATE.matcher(m);
        if (dup.find()) {
            return "field '" + clip(dup.group(1)) + "' appears more than once";
        }
        if (m.startsWith("Trailing token")) {
            return "unexpected content after the JSON value";
        }
        Matcher token = UNRECOGNIZED.matcher(m);
        if (token.find()) {
            return "unexpected text '" + clip(token.group(1)) + "'";
        }
        Matcher ch = UNEXPECTED_CHAR.matcher(m);
        if (ch.find()) {
            return "unexpected character '" + clip(ch.group(1)) + "'";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character (such as a line break) inside a string must be escaped";
        }
        if (m.contains("UTF-8") || m.contains("UTF8")) {
            return "it is not valid UTF-8";
        }
        return "";
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Snippet snippet(JsonNode node, String prefix, Set<String> allowed, Problems p) {
        if (!requireObject(node, prefix, allowed, p)) {
            return null;
        }
        String id = optionalString(node, prefix, "id", p);
        String title = optionalString(node, prefix, "title", p);
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            p.add(prefix + "text: must be a non-empty string");
            return null;
        }
        return new Snippet(id, title, text.asText());
    }

    /** Checks that {@code node} is an object with only {@code allowed} fields; false when it is not an object. */
    private static boolean requireObject(JsonNode node, String prefix, Set<String> allowed, Problems p) {
        if (node == null || !node.isObject()) {
            String where = prefix.isEmpty() ? "(body)" : prefix.substring(0, prefix.length() - 1);
            p.add(where + ": must be a JSON object");
            return false;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                p.add(prefix + name + ": unknown field (allowed: " + String.join(", ", allowed.stream().sorted()
                        .toList()) + ")");
            }
        }
        return true;
    }

    private static String optionalString(JsonNode node, String prefix, String field, Problems p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            p.add(prefix + field + ": must be a string");
            return null;
        }
        return v.asText();
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, "invalid_request", message);
    }

    /** Problems collected over one body, reported together (the first is the message). */
    private static final class Problems {
        private final List<String> list = new ArrayList<>();
        private int total;

        void add(String problem) {
            total++;
            if (list.size() < MAX_DETAILS) {
                list.add(problem);
            }
        }

        void throwIfAny() {
            if (total == 0) {
                return;
            }
            String message = list.get(0) + (total > 1 ? " (and " + (total - 1) + " more problems)" : "");
            throw new ApiException(422, "invalid_request", message, total > 1 ? list : List.of());
        }
    }
}

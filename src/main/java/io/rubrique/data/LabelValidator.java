package io.rubrique.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks label files record by record and reports every problem (never only the first), and returns the records
 * that passed. Shared by {@code rubrique validate} and {@link LabelReader}, so training reads exactly what
 * validation accepts.
 */
public final class LabelValidator {
    /** Fields a record may have. */
    public static final List<String> FIELDS = List.of("id", "kind", "source", "title", "text", "topics",
            "provenance", "date");
    private static final String KINDS = "article, teaser";
    private static final ObjectReader READER =
            Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Records that passed ({@code labelled}: with topics; {@code unlabelled}: inbox candidates) and all problems. */
    public record Result(List<LabelledItem> labelled, List<LabelledItem> unlabelled, List<LabelProblem> problems,
            int records) {
        public Result {
            labelled = List.copyOf(labelled);
            unlabelled = List.copyOf(unlabelled);
            problems = List.copyOf(problems);
        }

        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private record Where(Path file, int line) {
        String from(Path other) {
            return file.equals(other) ? "line " + line : file + ":" + line;
        }
    }

    private final TopicSet topicSet;
    private final boolean inboxMayBeUnlabelled;

    /**
     * @param topics               the topics records may carry
     * @param inboxMayBeUnlabelled whether records of files named {@code inbox*} may lack {@code topics} (true for
     *     {@code rubrique validate}; false when reading labels for training)
     */
    public LabelValidator(TopicSet topics, boolean inboxMayBeUnlabelled) {
        this.topicSet = topics;
        this.inboxMayBeUnlabelled = inboxMayBeUnlabelled;
    }

    public TopicSet topics() {
        return topicSet;
    }

    /**
     * The problems of one record given as a JSON line, checked exactly as in a file (for writers that must not
     * write what a later read would refuse); {@code known} holds records it must not duplicate.
     */
    public List<LabelProblem> check(Path file, int line, String json, List<LabelledItem> known) {
        Run run = new Run();
        run.file = file;
        for (LabelledItem k : known) {
            run.ids.putIfAbsent(k.id(), new Where(file, 0));
            run.idOfText.putIfAbsent(TextKey.of(k.text()), k.id());
        }
        run.line = line;
        run.records++;
        run.record(json, false);
        return run.problems;
    }

    /** Validates the files in order; ids and texts must be unique across all of them. */
    public Result validate(List<Path> files) throws IOException {
        Run run = new Run();
        for (Path f : files) {
            run.file(f);
        }
        return new Result(run.labelled, run.unlabelled, run.problems, run.records);
    }

    /** State of one validation: what was seen so far, for the cross-record checks. */
    private final class Run {
        final List<LabelledItem> labelled = new ArrayList<>();
        final List<LabelledItem> unlabelled = new ArrayList<>();
        final List<LabelProblem> problems = new ArrayList<>();
        final Map<String, Where> ids = new HashMap<>();
        final Map<String, String> idOfText = new HashMap<>();
        int records;
        Path file;
        int line;

        void file(Path f) throws IOException {
            file = f;
            boolean unlabelledAllowed = inboxMayBeUnlabelled && f.getFileName().toString().startsWith("inbox");
            LabelReader.requireRegularFile(f);
            byte[] bytes = Files.readAllBytes(f);
            int start = hasBom(bytes) ? 3 : 0;
            line = 0;
            while (start <= bytes.length) {
                int end = indexOf(bytes, (byte) '\n', start);
                line++;
                int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
                Optional<Integer> bad = Utf8.firstMalformedByte(bytes, start, stop);
                if (stop - start > RecordLimits.MAX_LINE_BYTES) {
                    records++;
                    problem("record", "%,d bytes, more than the limit of %,d bytes per record".formatted(
                            stop - start, RecordLimits.MAX_LINE_BYTES));
                } else if (bad.isPresent()) {
                    records++;
                    problem("encoding", "invalid UTF-8 (byte 0x%02X at column %d)"
                            .formatted(bytes[bad.get()] & 0xFF, bad.get() - start + 1));
                } else {
                    String text = new String(bytes, start, stop - start, StandardCharsets.UTF_8);
                    if (!text.isBlank()) {
                        records++;
                        record(text, unlabelledAllowed);
                    }
                }
                start = end + 1;
            }
        }

        void record(String text, boolean unlabelledAllowed) {
            JsonNode n;
            try {
                n = READER.readTree(text);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String column = at == null ? "" : " at column " + at.getColumnNr();
                problem("json", "invalid JSON" + column + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
                return;
            }
            if (!n.isObject()) {
                problem("record", "not a JSON object (found " + typeOf(n) + ")");
                return;
            }
            int before = problems.size();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    problem(name, "unknown field (allowed: " + String.join(", ", FIELDS) + ")");
                }
            }
            String id = requiredString(n, "id");
            ItemKind kind = kind(n);
            String source = optionalString(n, "source");
            String title = optionalString(n, "title");
            String body = requiredString(n, "text");
            optionalDate(n);
            JsonNode provenance = n.get("provenance");
            if (provenance != null && !provenance.isObject()) {
                problem("provenance", "not an object (found " + typeOf(provenance) + ")");
            }
            boolean labelledRecord = n.has("topics") || !unlabelledAllowed;
            Set<String> topics = labelledRecord ? topics(n) : Set.of();
            if (id != null) {
                Where first = ids.putIfAbsent(id, new Where(file, line));
                if (first != null) {
                    problem("id", "duplicate id '" + id + "' (first at " + first.from(file) + ")");
                }
            }
            if (id != null && body != null) {
                String key = TextKey.of(body);
                String other = idOfText.putIfAbsent(key, id);
                if (other != null && !other.equals(id)) {
                    problem("text", "same text under ids '" + other + "' (" + ids.get(other).from(file) + ") and '"
                            + id + "'");
                }
            }
            if (problems.size() == before) {
                LabelledItem item = new LabelledItem(id, kind, source, title, body, topics);
                (labelledRecord ? labelled : unlabelled).add(item);
            }
        }

        String requiredString(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null) {
                problem(field, "missing");
            } else if (!v.isTextual()) {
                problem(field, "not a string (found " + typeOf(v) + ")");
            } else if (v.asText().isBlank()) {
                problem(field, "empty");
            } else if (characters(field, v.asText())) {
                return v.asText();
            }
            return null;
        }

        /** Reports a field value over its limit or with characters no label may hold; true when fine. */
        boolean characters(String field, String value) {
            Optional<String> p = RecordLimits.problem(field, value);
            p.ifPresent(m -> problem(field, m));
            return p.isEmpty();
        }

        String optionalString(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null) {
                return "";
            }
            if (!v.isTextual()) {
                problem(field, "not a string (found " + typeOf(v) + ")");
                return "";
            }
            return characters(field, v.asText()) ? v.asText() : "";
        }

        /** An optional ISO 8601 {@code date} ({@link ItemDate}); a bad one is a problem like any field's. */
        void optionalDate(JsonNode n) {
            JsonNode v = n.get("date");
            if (v == null || v.isNull()) {
                return;
            }
            if (!v.isTextual()) {
                problem("date", "not a string (found " + typeOf(v) + "; " + ItemDate.EXPECTED + ")");
                return;
            }
            ItemDate.problem(v.asText()).ifPresent(m -> problem("date", m));
        }

        ItemKind kind(JsonNode n) {
            JsonNode v = n.get("kind");
            if (v == null) {
                problem("kind", "missing (allowed: " + KINDS + ")");
                return null;
            }
            Optional<ItemKind> k = v.isTextual() ? ItemKind.fromId(v.asText()) : Optional.empty();
            if (k.isEmpty()) {
                problem("kind", "unknown kind " + quote(v) + " (allowed: " + KINDS + ")");
            }
            return k.orElse(null);
        }

        /** The valid topics of the record, reporting missing, malformed, unknown and duplicated ones. */
        Set<String> topics(JsonNode n) {
            Set<String> topics = new LinkedHashSet<>();
            JsonNode v = n.get("topics");
            if (v == null) {
                problem("topics", "missing (use [] for an item with no topic)");
            } else if (!v.isArray()) {
                problem("topics", "not an array (found " + typeOf(v) + ")");
            } else {
                for (JsonNode t : v) {
                    if (!t.isTextual() || !topicSet.contains(t.asText())) {
                        problem("topics", "unknown topic " + quote(t) + " (known: " + topicSet.allowedIds() + ")");
                    } else if (!topics.add(t.asText())) {
                        problem("topics", "duplicated topic '" + t.asText() + "'");
                    }
                }
            }
            return topics.isEmpty() ? topics : topicSet.ordered(topics);
        }

        void problem(String field, String message) {
            problems.add(new LabelProblem(file, line, field, message));
        }
    }

    private static String quote(JsonNode v) {
        return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
    }

    private static String typeOf(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }
}

package io.rubrique.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered set of topics a label set, a model and a run are about. Declared once, as data, in
 * {@code labels/topics.json}; the four topics of the product are the default when that file is absent. The
 * declared order is the order of every per-topic value in JSON (CLI, HTTP, reports). Immutable.
 */
public final class TopicSet implements Serializable {
    /** The file, next to the label files, that declares the topics. */
    public static final String FILE = "topics.json";
    private static final long serialVersionUID = 1L;
    private static final int MAX_TOPICS = 64;

    private final List<TopicDef> topics;
    private final Map<String, Integer> position;
    /**
     * {@link #ids()}, made on first use: it is asked for on every tag() and every output line, and building it
     * each time was a tenth of a batch's time. Not serialized (rebuilt after deserialization); an unmodifiable
     * list, so two threads that both build it get equal lists and either may be kept.
     */
    private transient List<String> ids;

    private TopicSet(List<TopicDef> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a topic set needs at least one topic");
        }
        if (topics.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("at most " + MAX_TOPICS + " topics, got " + topics.size());
        }
        this.topics = List.copyOf(topics);
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            if (pos.putIfAbsent(topics.get(i).id(), i) != null) {
                throw new IllegalArgumentException("topic '" + topics.get(i).id() + "' is declared twice");
            }
        }
        this.position = Map.copyOf(pos);
    }

    @JsonCreator
    public static TopicSet of(@JsonProperty("topics") List<TopicDef> topics) {
        if (topics != null && topics.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a topic is null (each topic is an object with at least an id)");
        }
        return new TopicSet(topics == null ? List.of() : topics);
    }

    /** A topic set with bare ids (no names or definitions), e.g. for tests and old manifests. */
    public static TopicSet ofIds(String... ids) {
        List<TopicDef> defs = new ArrayList<>();
        for (String id : ids) {
            defs.add(new TopicDef(id, null, null, null));
        }
        return of(defs);
    }

    /** The product's four topics, with the definitions and seed words shipped in the jar. */
    public static TopicSet defaults() {
        try (var in = TopicSet.class.getResourceAsStream("default-topics.json")) {
            if (in == null) {
                throw new IllegalStateException("default-topics.json missing from the jar");
            }
            return Json.mapper().readValue(in, TopicSet.class);
        } catch (IOException e) {
            throw new IllegalStateException("default-topics.json unreadable", e);
        }
    }

    /**
     * Reads a {@code topics.json}; the error names the file, the topic and the field in plain words (never a
     * parser's internals). Only {@code id} is required of a topic: name, definition and seed words have defaults.
     */
    public static TopicSet read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(Utf8.readStrict(file));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IOException(file + ": invalid topic declaration: not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        }
        try {
            return Json.mapper().treeToValue(tree, TopicSet.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException(file + ": invalid topic declaration: " + plainReason(e, tree), e);
        }
    }

    /** What is wrong, as "topic N ('id'), field 'f': problem", from a mapping failure. */
    private static String plainReason(Exception e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException jme ? jme.getPath() : List.of();
        StringBuilder where = new StringBuilder();
        String field = null;
        for (int i = 0; i < path.size(); i++) {
            JsonMappingException.Reference r = path.get(i);
            if ("topics".equals(r.getFieldName()) && i + 1 < path.size() && path.get(i + 1).getIndex() >= 0) {
                int index = path.get(i + 1).getIndex();
                String id = tree.path("topics").path(index).path("id").asText("");
                where.append("topic ").append(index + 1).append(id.isEmpty() ? "" : " ('" + id + "')");
                i++;
            } else if (r.getFieldName() != null) {
                field = r.getFieldName();
            }
        }
        if (field != null) {
            where.append(where.length() == 0 ? "" : ", ").append("field '").append(field).append('\'');
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException) {
            problem = "unknown field (allowed: id, name, definition, seed_words)";
        } else if (e instanceof ValueInstantiationException || e.getCause() instanceof RuntimeException) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            problem = c instanceof NullPointerException ? "missing field '" + c.getMessage() + "'" : c.getMessage();
        } else if (e instanceof MismatchedInputException) {
            problem = "wrong type (expected " + expected(field) + ")";
        } else {
            problem = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        }
        return where.length() == 0 ? problem : where + ": " + problem;
    }

    private static String expected(String field) {
        if (field == null) {
            return "an object {\"topics\": [...]}";
        }
        return switch (field) {
            case "topics" -> "a list of topic objects";
            case "seed_words" -> "a list of strings";
            default -> "a string";
        };
    }

    /**
     * The topics of a label set: {@code topics.json} in the directory (or beside the file) when it exists, the
     * defaults otherwise.
     */
    public static TopicSet forLabels(Path fileOrDir) throws IOException {
        Optional<Path> declared = declarationFor(fileOrDir);
        return declared.isPresent() ? read(declared.get()) : defaults();
    }

    /** Where the topics of a label set are declared, if anywhere. */
    public static Optional<Path> declarationFor(Path fileOrDir) {
        Path dir = Files.isDirectory(fileOrDir) ? fileOrDir : fileOrDir.toAbsolutePath().getParent();
        Path f = dir == null ? null : dir.resolve(FILE);
        return f != null && Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    @JsonProperty("topics")
    public List<TopicDef> topics() {
        return topics;
    }

    /** Ids in declared order. */
    public List<String> ids() {
        List<String> l = ids;
        if (l == null) {
            l = topics.stream().map(TopicDef::id).toList();
            ids = l;
        }
        return l;
    }

    public int size() {
        return topics.size();
    }

    public boolean contains(String id) {
        return position.containsKey(id);
    }

    public TopicDef get(String id) {
        Integer p = position.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown topic '" + id + "' (known: " + allowedIds() + ")");
        }
        return topics.get(p);
    }

    /** Comma-separated ids, for error messages. */
    public String allowedIds() {
        return String.join(", ", ids());
    }

    /** The given ids in declared order (unknown ids are an error). */
    public Set<String> ordered(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (TopicDef t : topics) {
            if (ids.contains(t.id())) {
                out.add(t.id());
            }
        }
        if (out.size() != new LinkedHashSet<>(ids).size()) {
            List<String> unknown = ids.stream().filter(i -> !position.containsKey(i)).toList();
            throw new IllegalArgumentException("unknown topic(s) " + unknown + " (known: " + allowedIds() + ")");
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** Whether both declare the same ids in the same order (names and definitions may differ). */
    public boolean sameIds(TopicSet other) {
        return ids().equals(other.ids());
    }

    /** Position of a topic in declared order; for {@link PerTopic} and the classes that own per-topic arrays. */
    int position(String id) {
        Integer p = position.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown topic '" + id + "' (known: " + allowedIds() + ")");
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicSet t && t.topics.equals(topics);
    }

    @Override
    public int hashCode() {
        return topics.hashCode();
    }

    @Override
    public String toString() {
        return ids().toString();
    }
}

package io.rubrique.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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

    /** Reads a {@code topics.json}; the error names the file and what is wrong. */
    public static TopicSet read(Path file) throws IOException {
        try {
            return Json.mapper().reader().with(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                    .forType(TopicSet.class).readValue(Utf8.readStrict(file));
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = cause instanceof JacksonException je ? je.getOriginalMessage() : cause.getMessage();
            throw new IOException(file + ": invalid topic declaration: " + msg, e);
        }
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

package io.rubrique.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One value per topic of a {@link TopicSet}, in declared order: the one shape for per-topic values across
 * packages (scores, thresholds, counts, metrics). Serialises to JSON as an object keyed by topic id in declared
 * order. Immutable when its values are.
 */
public final class PerTopic<V> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TopicSet topics;
    private final List<V> values;

    private PerTopic(TopicSet topics, List<V> values) {
        this.topics = Objects.requireNonNull(topics, "topics");
        if (values.size() != topics.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + topics.size() + " topics");
        }
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The value of each topic, computed from its id. */
    public static <V> PerTopic<V> of(TopicSet topics, Function<String, V> valueOf) {
        List<V> v = new ArrayList<>(topics.size());
        for (String id : topics.ids()) {
            v.add(valueOf.apply(id));
        }
        return new PerTopic<>(topics, v);
    }

    /** Values given in declared topic order (for the owner of a per-topic array). */
    public static <V> PerTopic<V> inOrder(TopicSet topics, List<V> values) {
        return new PerTopic<>(topics, values);
    }

    /** Doubles given in declared topic order (for the owner of a per-topic array). */
    public static PerTopic<Double> ofDoubles(TopicSet topics, double[] values) {
        List<Double> v = new ArrayList<>(values.length);
        for (double d : values) {
            v.add(d);
        }
        return new PerTopic<>(topics, v);
    }

    /** Values from a map keyed by topic id; every topic must be present. */
    public static <V> PerTopic<V> fromMap(TopicSet topics, Map<String, V> map) {
        for (String k : map.keySet()) {
            if (!topics.contains(k)) {
                throw new IllegalArgumentException("unknown topic '" + k + "' (known: " + topics.allowedIds() + ")");
            }
        }
        return of(topics, id -> {
            V v = map.get(id);
            if (v == null) {
                throw new IllegalArgumentException("no value for topic '" + id + "'");
            }
            return v;
        });
    }

    public TopicSet topics() {
        return topics;
    }

    public V get(String id) {
        return values.get(topics.position(id));
    }

    /** Values in declared topic order. */
    public List<V> values() {
        return values;
    }

    public <W> PerTopic<W> map(Function<V, W> f) {
        List<W> out = new ArrayList<>(values.size());
        for (V v : values) {
            out.add(f.apply(v));
        }
        return new PerTopic<>(topics, out);
    }

    public <W> PerTopic<W> mapWithId(BiFunction<String, V, W> f) {
        List<String> ids = topics.ids();
        List<W> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(f.apply(ids.get(i), values.get(i)));
        }
        return new PerTopic<>(topics, out);
    }

    public void forEach(BiConsumer<String, V> action) {
        List<String> ids = topics.ids();
        for (int i = 0; i < values.size(); i++) {
            action.accept(ids.get(i), values.get(i));
        }
    }

    /** The values keyed by topic id, in declared order (what JSON shows). */
    @JsonValue
    public Map<String, V> toMap() {
        Map<String, V> m = new LinkedHashMap<>();
        forEach(m::put);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerTopic<?> p && p.topics.equals(topics) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topics, values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}

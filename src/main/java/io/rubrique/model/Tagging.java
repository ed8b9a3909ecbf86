package io.rubrique.model;

import io.rubrique.data.Topic;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The answer for one snippet: the topics assigned (possibly none) and a score in [0, 1] for every topic. */
public record Tagging(Set<Topic> topics, Map<Topic, Double> scores) {
    public Tagging {
        EnumSet<Topic> t = EnumSet.noneOf(Topic.class);
        t.addAll(topics);
        topics = Collections.unmodifiableSet(t);
        scores = Collections.unmodifiableMap(new EnumMap<>(scores));
    }

    /** Topic ids in canonical order, for JSON output. */
    public List<String> topicIds() {
        return topics.stream().map(Topic::id).toList();
    }

    /** Scores keyed by topic id in canonical order, for JSON output. */
    public Map<String, Double> scoresById() {
        Map<String, Double> m = new LinkedHashMap<>();
        scores.forEach((k, v) -> m.put(k.id(), v));
        return m;
    }
}

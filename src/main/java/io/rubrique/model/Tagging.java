package io.rubrique.model;

import io.rubrique.data.PerTopic;
import java.util.List;

/**
 * The answer for one snippet: the topics assigned (possibly none, in declared order) and a calibrated probability
 * in [0, 1] for every topic of the model.
 */
public record Tagging(List<String> topics, PerTopic<Double> scores) {
    public Tagging {
        topics = List.copyOf(topics);
    }

    public boolean has(String topic) {
        return topics.contains(topic);
    }

    public double score(String topic) {
        return scores.get(topic);
    }
}

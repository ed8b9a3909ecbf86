package io.rubrique.model;

import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;

/**
 * What scoring needs of a model, whether freshly trained ({@link TrainedModel}) or loaded ({@link TopicTagger}):
 * its topics, a tagging per snippet, and the thresholds that tagging applies. Thread-safe.
 */
public interface ScoringModel {
    TopicSet topics();

    /** Calibrated scores and the topics whose score reaches its threshold; {@code title} may be null. */
    Tagging tag(String title, String text);

    /** The decision threshold of each topic, on the calibrated scale. */
    PerTopic<Double> thresholds();

    /**
     * Why each topic got or missed the snippet ({@link Explanation}); per topic "not available" when its learner
     * is scored by Weka. Slower than {@link #tag} (it re-analyses the text), so only call it when asked.
     */
    default PerTopic<Explanation> explain(String title, String text) {
        Tagging t = tag(title, text);
        return PerTopic.of(topics(), id -> Explanation.unavailable(id, t.score(id), thresholds().get(id), t.has(id),
                "this model cannot explain its scores"));
    }
}

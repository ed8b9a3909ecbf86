package io.rubrique.model;

import io.rubrique.data.Topic;
import java.util.Map;
import java.util.Set;

/**
 * A fitted multi-label model: featurizer, one classifier per topic and a threshold per topic. Thread-safe.
 * This is what {@link ModelArtifact} serializes and {@link TopicTagger} wraps.
 */
public interface TrainedModel {
    /** Scores in [0, 1] for each topic, in {@link Topic#all()} order. */
    double[] scores(String title, String text);

    /** The decision threshold of each topic: a topic is assigned when its score is at least its threshold. */
    Map<Topic, Double> thresholds();

    /** Scores and thresholded topics together. */
    Tagging tag(String title, String text);

    /** The feature names of the fitted dictionary (for leak tests and inspection). */
    Set<String> vocabulary();
}

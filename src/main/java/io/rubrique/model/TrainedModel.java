package io.rubrique.model;

import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import java.util.Set;

/**
 * A fitted multi-label model: featurizer, one scorer, calibration and threshold per topic, and the provenance of
 * how it was made. Thread-safe. This is what {@link ModelArtifact} stores and {@link TopicTagger} wraps.
 */
public interface TrainedModel {
    TopicSet topics();

    /** Calibrated scores and the topics whose score reaches its threshold. */
    Tagging tag(String title, String text);

    /** The decision threshold of each topic, on the calibrated scale. */
    PerTopic<Double> thresholds();

    /** How this model was made. */
    ModelProvenance provenance();

    /** The feature names of the fitted dictionary (for leak tests and inspection). */
    Set<String> vocabulary();
}

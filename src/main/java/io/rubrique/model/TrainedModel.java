package io.rubrique.model;

import java.util.Set;

/**
 * A fitted multi-label model: featurizer, one scorer, calibration and threshold per topic, and the provenance of
 * how it was made. Thread-safe. This is what {@link ModelArtifact} stores and {@link TopicTagger} wraps.
 */
public interface TrainedModel extends ScoringModel {

    /** How this model was made. */
    ModelProvenance provenance();

    /** The feature names of the fitted dictionary (for leak tests and inspection). */
    Set<String> vocabulary();
}

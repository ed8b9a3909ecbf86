package io.rubrique.model;

/**
 * Fits a {@link TrainedModel} from a training set. A trainer holds only its configuration, so one instance may
 * train many models concurrently (cross-validation folds in parallel). Everything data-dependent (dictionary,
 * idf, calibration, thresholds) is fitted from {@code data} alone: this is what keeps cross-validation honest.
 */
public interface Trainer {
    TrainedModel train(TrainingSet data, long seed);

    /**
     * Computes ahead, once, what every fold trained on a part of {@code data} would otherwise compute side by side
     * and no fold fits (the encoder's vectors of its texts); results are unchanged. Nothing by default.
     */
    default void prepare(TrainingSet data) {
    }

    /**
     * The trainer {@code config} describes: the one place that chooses the implementation (binary relevance, which
     * also trains the fold committee of query by committee).
     */
    static BinaryRelevanceTrainer forConfig(io.rubrique.config.ExperimentConfig config) {
        return new BinaryRelevanceTrainer(config);
    }
}

package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelledItem;
import java.util.List;

/** Binary relevance on Weka: one classifier per topic over shared French text features, thresholds per topic. */
public final class BinaryRelevanceTrainer implements Trainer {
    private final ExperimentConfig config;

    public BinaryRelevanceTrainer(ExperimentConfig config) {
        this.config = config;
    }

    public ExperimentConfig config() {
        return config;
    }

    @Override
    public TrainedModel train(List<LabelledItem> items, long seed) {
        throw new UnsupportedOperationException("in progress: " + config.name());
    }
}

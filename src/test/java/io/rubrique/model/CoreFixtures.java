package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.SeedLabels;
import java.io.IOException;
import java.nio.file.Path;

/** Shared test material for the core: the frozen seed labels, small configs, and a trained-and-saved model. */
public final class CoreFixtures {
    /** The 49 frozen seed items ({@link SeedLabels}, never the user's {@code labels/}). */
    public static final Path LABELS = SeedLabels.SNIPPETS;
    /** The fixture label set's directory (with topics.json). */
    public static final Path LABELS_DIR = SeedLabels.DIR;

    private CoreFixtures() {
    }

    public static LabelSet labels() throws IOException {
        return LabelReader.read(LABELS);
    }

    /**
     * A config with the given learner type, fixed thresholds (0.5), no calibration (so no inner cross-validation:
     * fast) and {@code features} as a JSON object body.
     */
    public static ExperimentConfig fixed(String learnerType, String features) {
        return ExperimentConfig.parse("{\"name\": \"test-" + learnerType + "\", \"features\": {" + features
                + "}, \"learner\": {\"type\": \"" + learnerType + "\"}, "
                + "\"thresholds\": {\"strategy\": \"fixed\", \"fixed\": 0.5}, "
                + "\"calibration\": {\"method\": \"none\"}}", "test");
    }

    /** Trains {@code config} on {@code data} with {@code seed} and saves the model into {@code dir}. */
    public static Manifest trainAndSave(ExperimentConfig config, LabelSet data, long seed, Path dir)
            throws IOException {
        TrainedModel model = new BinaryRelevanceTrainer(config).train(TrainingSet.of(data), seed);
        return ModelArtifact.save(dir, model).manifest();
    }

    /** Trains {@code config} on the items with {@code seed}. */
    public static TrainedModel train(ExperimentConfig config, LabelSet data, long seed) {
        return new BinaryRelevanceTrainer(config).train(TrainingSet.of(data), seed);
    }
}

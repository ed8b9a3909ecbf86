package io.rubrique.quant;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.model.CoreFixtures;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.TrainingSet;
import java.io.IOException;
import java.nio.file.Path;

/** A small model that keeps held-out scores (LibLINEAR, Platt calibration, thresholds by inner 5-fold CV). */
public final class QuantFixtures {
    private QuantFixtures() {
    }

    public static ExperimentConfig config() {
        return ExperimentConfig.parse("{\"name\": \"quant-test\", \"learner\": {\"type\": \"liblinear\"}, "
                + "\"thresholds\": {\"strategy\": \"inner-cv\", \"inner_folds\": 5}, "
                + "\"calibration\": {\"method\": \"platt\"}}", "test");
    }

    /** Trains {@link #config()} on the labels and saves it into {@code dir}. */
    public static void trainAndSave(LabelSet labels, Path dir) throws IOException {
        ModelArtifact.save(dir, new BinaryRelevanceTrainer(config()).train(TrainingSet.of(labels), 7));
    }

    public static LabelSet labels() throws IOException {
        return CoreFixtures.labels();
    }
}

package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.TopicSet;
import java.util.Map;

/**
 * {@code manifest.json}, beside the serialized model: the model's own provenance (written from the model, never
 * from what the caller passed beside it), its thresholds, and the name and SHA-256 of the model file, which is
 * checked before the file is deserialized. After loading, the manifest must agree with the model it describes
 * field for field, so an edited manifest is refused rather than reported while scoring ignores it.
 */
public record Manifest(
        int formatVersion,
        String name,
        TopicSet topics,
        Map<String, Double> thresholds,
        ExperimentConfig config,
        DataProvenance data,
        ModelProvenance.UnlabelledProvenance unlabelled,
        long seed,
        ModelProvenance.TrainingFacts training,
        Map<String, String> versions,
        String codeRevision,
        String createdAt,
        String modelFile,
        String modelSha256) {

    /** Bumped whenever the serialized form changes incompatibly (2: topics as data, exported linear scorers). */
    public static final int FORMAT_VERSION = 2;

    /** The manifest of a model: everything from its provenance and thresholds, plus the file's name and digest. */
    static Manifest of(TrainedModel model, String modelFile, String modelSha256) {
        ModelProvenance p = model.provenance();
        return new Manifest(FORMAT_VERSION, p.name(), p.topics(), model.thresholds().toMap(), p.config(), p.data(),
                p.unlabelled(), p.seed(), p.training(), p.versions(), p.codeRevision(), p.createdAt(), modelFile,
                modelSha256);
    }
}

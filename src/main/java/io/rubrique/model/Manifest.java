package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import java.util.List;
import java.util.Map;

/**
 * The record of how a model was made, stored as {@code manifest.json} beside the serialized model: format,
 * topics and thresholds, the full config, the training data's digest, seed, versions, code revision, and the
 * SHA-256 of the model file (checked before the file is deserialized).
 */
public record Manifest(
        int formatVersion,
        String name,
        List<String> topics,
        Map<String, Double> thresholds,
        ExperimentConfig config,
        DataProvenance data,
        long seed,
        Map<String, String> versions,
        String codeRevision,
        String createdAt,
        String modelFile,
        String modelSha256) {

    /** Bumped whenever the serialized form changes incompatibly. */
    public static final int FORMAT_VERSION = 1;
}

package io.rubrique.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One experiment: features, learner, thresholds and evaluation protocol, read from {@code experiments/*.json}.
 * Missing sections and fields take documented defaults; unknown fields and bad values are errors.
 */
public record ExperimentConfig(
        String name,
        String description,
        FeatureConfig features,
        LearnerConfig learner,
        ThresholdConfig thresholds,
        CalibrationConfig calibration,
        PriorConfig prior,
        UnlabelledConfig unlabelled,
        EvaluationConfig evaluation) implements java.io.Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper MAPPER = Json.mapper();

    public ExperimentConfig {
        name = name == null ? "default" : name;
        description = description == null ? "" : description;
        features = features == null ? FeatureConfig.defaults() : features;
        learner = learner == null ? LearnerConfig.defaults() : learner;
        thresholds = thresholds == null ? ThresholdConfig.defaults() : thresholds;
        calibration = calibration == null ? CalibrationConfig.defaults() : calibration;
        prior = prior == null ? PriorConfig.defaults() : prior;
        unlabelled = unlabelled == null ? UnlabelledConfig.defaults() : unlabelled;
        evaluation = evaluation == null ? EvaluationConfig.defaults() : evaluation;
    }

    public static ExperimentConfig defaults() {
        return new ExperimentConfig(null, null, null, null, null, null, null, null, null);
    }

    /** The same config with another evaluation protocol. */
    public ExperimentConfig withEvaluation(EvaluationConfig e) {
        return new ExperimentConfig(name, description, features, learner, thresholds, calibration, prior,
                unlabelled, e);
    }

    /** The same config with another learner section. */
    public ExperimentConfig withLearner(LearnerConfig l) {
        return new ExperimentConfig(name, description, features, l, thresholds, calibration, prior, unlabelled,
                evaluation);
    }

    /** The same config with another unlabelled section. */
    public ExperimentConfig withUnlabelled(UnlabelledConfig u) {
        return new ExperimentConfig(name, description, features, learner, thresholds, calibration, prior, u,
                evaluation);
    }

    /** Every problem with this config, each as "field: message"; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            p.add("name: '" + name + "' must be 1-64 letters, digits, '.', '_' or '-' (it names run folders)");
        }
        p.addAll(features.problems());
        p.addAll(learner.problems());
        p.addAll(thresholds.problems());
        p.addAll(calibration.problems());
        p.addAll(prior.problems());
        p.addAll(unlabelled.problems());
        p.addAll(evaluation.problems());
        return p;
    }

    /** Reads and validates a config file; the error names the file and every bad field. */
    public static ExperimentConfig read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
        }
        return parse(json, file.toString());
    }

    /** Parses and validates config JSON; {@code origin} names the source in error messages. */
    public static ExperimentConfig parse(String json, String origin) {
        ExperimentConfig config;
        try {
            config = MAPPER.readValue(json, ExperimentConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(origin + ": " + fieldPath(e) + ": unknown field (known: "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(origin + ": " + fieldPath(e) + ": invalid config" + where + ": "
                    + e.getOriginalMessage(), e);
        }
        if (config == null) {
            throw new ConfigException(origin + ": config is empty");
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(origin + ": " + String.join("; ", problems));
        }
        return config;
    }

    private static String fieldPath(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "(document)";
    }

    /** The config as JSON, for manifests and reports. */
    public String toJson() {
        try {
            return Json.prettyMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

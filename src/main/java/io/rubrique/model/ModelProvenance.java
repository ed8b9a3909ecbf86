package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.TopicSet;
import java.util.Map;

/**
 * How a model was made, carried by the model itself (the Tribuo way): the config, the topics, the labelled and
 * unlabelled data it saw (digests, counts), the seed, what training found per topic, and which code made it. The
 * manifest and run reports are written from this record, never from what a caller passes beside the model.
 *
 * @param unlabelled the unlabelled items used, or null when none were
 */
public record ModelProvenance(
        String name,
        ExperimentConfig config,
        TopicSet topics,
        DataProvenance data,
        UnlabelledProvenance unlabelled,
        long seed,
        TrainingFacts training,
        Map<String, String> versions,
        String codeRevision,
        String createdAt) {

    /** Unlabelled items a model learnt from: where from, how many, their digest, and how they were used. */
    public record UnlabelledProvenance(String path, int items, String sha256, String method) {
    }

    /** What training found: sizes, time, and per topic (in declared order) what was fitted. */
    public record TrainingFacts(int items, int features, long trainMillis, Map<String, TopicFacts> perTopic) {
        public TrainingFacts {
            perTopic = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perTopic));
        }
    }

    /**
     * One topic of the model: its positives in the training data, how it is scored ("linear", "weka",
     * "constant"), the learner options used, the calibration and the threshold (on the calibrated scale), and the
     * weight the topic's definition had as prior evidence (0 when none).
     */
    public record TopicFacts(int positives, String scorer, String options, Calibration calibration, double threshold,
            double priorWeight, int pseudoPositives, int pseudoNegatives) {
    }
}

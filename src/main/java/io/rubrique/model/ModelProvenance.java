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
     * weight the topic's definition had as prior evidence (0 when none), and the inner cross-validation's
     * held-out scores (null when training ran none, or for a model made before they were kept).
     */
    public record TopicFacts(int positives, String scorer, String options, Calibration calibration, double threshold,
            double priorWeight, int pseudoPositives, int pseudoNegatives, HeldOut heldOut) {
    }

    /**
     * A topic's calibrated held-out scores from the inner cross-validation, split by gold label and sorted: how the
     * model scores items it has not seen, with and without the topic. What quantification corrects counts with
     * (error rates, score distributions, the training prevalence); never taken from the items being quantified.
     *
     * @param repeats how many inner cross-validation repeats the arrays hold (each item once per repeat)
     */
    public record HeldOut(int repeats, double[] positives, double[] negatives) {
        public HeldOut {
            positives = positives.clone();
            negatives = negatives.clone();
        }

        /** The held-out calibrated scores of one topic, split by gold label, sorted, rounded to 1e-6. */
        public static HeldOut of(int repeats, double[] scores, boolean[] gold) {
            return new HeldOut(repeats, side(scores, gold, true), side(scores, gold, false));
        }

        private static double[] side(double[] scores, boolean[] gold, boolean positive) {
            return java.util.stream.IntStream.range(0, scores.length).filter(i -> gold[i] == positive)
                    .mapToDouble(i -> Math.round(scores[i] * 1e6) / 1e6).sorted().toArray();
        }

        @Override
        public double[] positives() {
            return positives.clone();
        }

        @Override
        public double[] negatives() {
            return negatives.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeldOut h && repeats == h.repeats && java.util.Arrays.equals(positives, h.positives)
                    && java.util.Arrays.equals(negatives, h.negatives);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * repeats + java.util.Arrays.hashCode(positives)) + java.util.Arrays.hashCode(negatives);
        }

        @Override
        public String toString() {
            return "HeldOut[" + repeats + " repeat(s), " + positives.length + " positive, " + negatives.length
                    + " negative]";
        }
    }
}

package io.rubrique.model;

import java.util.List;
import java.util.Optional;
import weka.classifiers.Classifier;

/**
 * One Weka base learner rubrique can train per topic: how to make and configure it, how class imbalance is
 * applied to it, which classes a model using its Weka scoring path may contain (the deserialization allow-list),
 * and, for linear learners, how to export the fitted weights so that scoring is a dot product (exact, fast,
 * thread-safe, explainable) instead of a call into Weka. A new learner is one implementation of this interface
 * plus one line in {@link LearnerRegistry}.
 */
interface Learner {
    /** How balanced class weights reach the learner. */
    enum Weighting {
        /** As instance weights of the Weka dataset. */
        INSTANCE,
        /** Through the learner's own class-weight option (instances keep weight 1). */
        CLASS_OPTION
    }

    /** The config's {@code learner.type}. */
    String id();

    /** Options applied before the config's own (which override them); reasons in the implementations. */
    List<String> defaultOptions();

    Weighting weighting();

    /**
     * Whether training honours instance weights (Weka's {@code WeightedInstancesHandler}): weighted topic
     * definitions and pseudo-labelled unlabelled items only reach learners that do.
     */
    boolean acceptsInstanceWeights();

    /**
     * A fresh learner with {@code options} (defaults merged with the config's) applied, for a topic with
     * {@code positives} of {@code total} items positive; {@code balanced} asks for balanced class weights.
     *
     * @throws IllegalArgumentException when Weka rejects the options
     */
    Classifier create(List<String> options, boolean balanced, int positives, int total);

    /** The fitted weights of {@code fitted} as a linear scorer, when this learner's model is linear in our vectors. */
    Optional<LinearScorer> export(Classifier fitted, int numFeatures);

    /** Whether fitted models of this learner (with its default options) are exported as a {@link LinearScorer}. */
    boolean exportsLinear();

    /** The option that sets this learner's regularisation (e.g. {@code -C}), for model selection; empty if none. */
    default Optional<String> regularisationFlag() {
        return Optional.empty();
    }

    /** Class-name patterns (ObjectInputFilter syntax) a serialized model of this learner's Weka path may hold. */
    List<String> allowList();
}

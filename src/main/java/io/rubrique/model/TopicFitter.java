package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.WeightedInstancesHandler;

/**
 * Fits the parts of a model from one training set: the feature dictionary, then per topic one Weka classifier
 * for each option variant asked for (exported as a linear scorer when the learner allows). Prior
 * pseudo-documents join the training set with their weight for learners that take instance weights. Topics
 * train in parallel on their own dataset copies; every learner used trains deterministically.
 */
final class TopicFitter {
    private final ExperimentConfig config;
    private final Learner learner;
    private final TopicSet topics;
    private final PriorDocuments priors;
    private final boolean weighted;

    TopicFitter(ExperimentConfig config, Learner learner, TopicSet topics, PriorDocuments priors) {
        this.config = config;
        this.learner = learner;
        this.topics = topics;
        this.priors = priors;
        this.weighted = learner.create(LearnerRegistry.standard().options(config.learner()),
                false, 1, 2) instanceof WeightedInstancesHandler;
    }

    /** The weight the topic definitions had (0 when off or when the learner ignores instance weights). */
    double priorWeight() {
        return weighted && !priors.documents().isEmpty() ? priors.weight() : 0;
    }

    /** One feature space and per topic one scorer, with each topic's positives among the real items. */
    record Fitted(FeatureSpace space, TopicScorer[] scorers, int[] positives) {
        double[] raw(LabelledItem item) {
            SparseVector v = space.vectorize(item.title(), item.text());
            double[] r = new double[scorers.length];
            for (int t = 0; t < r.length; t++) {
                r[t] = scorers[t].raw(v);
            }
            return r;
        }
    }

    /** One feature space and per topic one scorer for each variant: {@code scorers[topic][variant]}. */
    record Grid(FeatureSpace space, TopicScorer[][] scorers, int[] positives) {
        Fitted select(int[] choice) {
            TopicScorer[] s = new TopicScorer[scorers.length];
            for (int t = 0; t < s.length; t++) {
                s[t] = scorers[t][Math.min(choice[t], scorers[t].length - 1)];
            }
            return new Fitted(space, s, positives);
        }

        /** Raw scores of an item, {@code [topic][variant]}. */
        double[][] raw(LabelledItem item) {
            SparseVector v = space.vectorize(item.title(), item.text());
            double[][] r = new double[scorers.length][];
            for (int t = 0; t < r.length; t++) {
                r[t] = new double[scorers[t].length];
                for (int k = 0; k < r[t].length; k++) {
                    r[t][k] = scorers[t][k].raw(v);
                }
            }
            return r;
        }
    }

    /** Every topic with every variant. */
    Grid fitGrid(List<LabelledItem> items, List<List<String>> variants) {
        List<List<List<String>>> perTopic = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            perTopic.add(variants);
        }
        return fitPerTopic(items, perTopic);
    }

    /** Each topic with its own variant ({@code perTopic.get(t)} holds one option list). */
    Fitted fit(List<LabelledItem> items, List<List<List<String>>> perTopic) {
        return fitPerTopic(items, perTopic).select(new int[topics.size()]);
    }

    private Grid fitPerTopic(List<LabelledItem> items, List<List<List<String>>> perTopic) {
        List<LabelledItem> examples = new ArrayList<>(items);
        List<Double> exampleWeight = new ArrayList<>();
        items.forEach(i -> exampleWeight.add(1.0));
        if (priorWeight() > 0) {
            examples.addAll(priors.documents());
            priors.documents().forEach(d -> exampleWeight.add(priors.weight()));
        }
        FeatureSpace space = FeatureSpace.fit(examples, config.features());
        Instances header = WekaData.header(space);
        List<SparseVector> vectors = new ArrayList<>(examples.size());
        for (LabelledItem e : examples) {
            vectors.add(space.vectorize(e.title(), e.text()));
        }
        List<String> ids = topics.ids();
        TopicScorer[][] scorers = new TopicScorer[ids.size()][];
        int[] positives = new int[ids.size()];
        IntStream.range(0, ids.size()).parallel().forEach(t -> {
            boolean[] labels = new boolean[examples.size()];
            int realPositives = 0;
            int allPositives = 0;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = examples.get(i).has(ids.get(t));
                allPositives += labels[i] ? 1 : 0;
                realPositives += labels[i] && i < items.size() ? 1 : 0;
            }
            positives[t] = realPositives;
            List<List<String>> variants = perTopic.get(t);
            scorers[t] = new TopicScorer[variants.size()];
            if (realPositives == 0 || realPositives == items.size() || space.size() == 0) {
                // One class only among the real items: nothing to learn; the raw score is the smoothed log-odds.
                double p = (realPositives + 0.5) / (items.size() + 1.0);
                java.util.Arrays.fill(scorers[t], new ConstantScorer(Math.log(p / (1 - p))));
                return;
            }
            double[] weights = instanceWeights(labels, allPositives, exampleWeight);
            for (int v = 0; v < variants.size(); v++) {
                scorers[t][v] = trainTopic(ids.get(t), header, vectors, labels, weights, allPositives,
                        space.size(), variants.get(v));
            }
        });
        return new Grid(space, scorers, positives);
    }

    /** Balanced class weights (for learners that take them as instance weights) times each example's weight. */
    private double[] instanceWeights(boolean[] labels, int positives, List<Double> exampleWeight) {
        boolean balanced = "weights".equals(config.learner().balance())
                && learner.weighting() == Learner.Weighting.INSTANCE;
        double[] cw = balanced ? BalancedWeights.classWeights(positives, labels.length) : new double[] {1, 1};
        double[] w = new double[labels.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = cw[labels[i] ? 1 : 0] * exampleWeight.get(i);
        }
        return w;
    }

    private TopicScorer trainTopic(String topic, Instances header, List<SparseVector> vectors, boolean[] labels,
            double[] weights, int positives, int numFeatures, List<String> options) {
        boolean balanced = "weights".equals(config.learner().balance());
        Classifier c = learner.create(options, balanced, positives, labels.length);
        try {
            c.buildClassifier(WekaData.dataset(header, vectors, labels, weights));
        } catch (Exception e) {
            throw new IllegalStateException("training " + learner.id() + " for topic " + topic + " failed: "
                    + e.getMessage(), e);
        }
        return learner.export(c, numFeatures).<TopicScorer>map(s -> s).orElseGet(() -> new WekaScorer(c, header));
    }
}

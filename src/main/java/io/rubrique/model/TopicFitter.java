package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.config.LearnerConfig;
import io.rubrique.config.UnlabelledConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.text.FeatureBlocks;
import io.rubrique.text.Featurizer;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * Fits the parts of a model from one training set: the features ({@link FeatureBlocks}), then per topic one Weka classifier
 * for each option variant asked for (exported as a linear scorer when the learner allows). Prior
 * pseudo-documents join the training set with their weight for learners that take instance weights. Topics
 * train in parallel on their own dataset copies; every learner used trains deterministically.
 */
final class TopicFitter {
    private final ExperimentConfig config;
    private final Learner learner;
    private final TopicSet topics;
    private final PriorDocuments priors;
    private final List<Snippet> unlabelled;
    private final boolean weighted;

    /**
     * @param unlabelled items without labels for the config's unlabelled method (none of them may be a
     *                   labelled item of the training set: the trainer removes those)
     */
    TopicFitter(ExperimentConfig config, Learner learner, TopicSet topics, PriorDocuments priors,
            List<Snippet> unlabelled) {
        this.config = config;
        this.learner = learner;
        this.topics = topics;
        this.priors = priors;
        this.unlabelled = config.unlabelled().enabled() ? List.copyOf(unlabelled.subList(0,
                Math.min(unlabelled.size(), config.unlabelled().maxItems()))) : List.of();
        this.weighted = learner.acceptsInstanceWeights();
    }

    /** The weight the topic definitions had (0 when off or when the learner ignores instance weights). */
    double priorWeight() {
        return weighted && !priors.documents().isEmpty() ? priors.weight() : 0;
    }

    /** How many unlabelled items joined training (0 when the method is off or the learner ignores weights). */
    int unlabelledUsed() {
        return unlabelled.size();
    }

    /**
     * One feature space and per topic one scorer, with each topic's positives among the real items and the
     * pseudo-labels its training data got.
     */
    record Fitted(Featurizer space, TopicScorer[] scorers, int[] positives, int[] pseudoPositives,
            int[] pseudoNegatives) {
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
    record Grid(Featurizer space, TopicScorer[][] scorers, int[] positives, int[] pseudoPositives,
            int[] pseudoNegatives) {
        Fitted select(int[] choice) {
            TopicScorer[] s = new TopicScorer[scorers.length];
            for (int t = 0; t < s.length; t++) {
                s[t] = scorers[t][Math.min(choice[t], scorers[t].length - 1)];
            }
            return new Fitted(space, s, positives, pseudoPositives, pseudoNegatives);
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
        return fitPerTopic(items, perTopic, pseudoLabels(items, perTopic));
    }

    /** Each topic with its own variant ({@code perTopic.get(t)} holds one option list). */
    Fitted fit(List<LabelledItem> items, List<List<List<String>>> perTopic) {
        return fitPerTopic(items, perTopic, pseudoLabels(items, perTopic)).select(new int[topics.size()]);
    }

    /** The pseudo-labels of the unlabelled items for this training set, per topic; null when none are used. */
    private List<List<PseudoLabels.Example>> pseudoLabels(List<LabelledItem> items,
            List<List<List<String>>> perTopic) {
        if (unlabelled.isEmpty() || !weighted) {
            return null;
        }
        if (config.unlabelled().kind() == UnlabelledConfig.Method.SELF_TRAINING) {
            List<List<List<String>>> first = new ArrayList<>();
            for (List<List<String>> v : perTopic) {
                first.add(List.of(v.get(0)));
            }
            Fitted base = fitPerTopic(items, first, null).select(new int[topics.size()]);
            return PseudoLabels.selfTraining(base, unlabelled, topics, config.unlabelled());
        }
        List<String[]> texts = new ArrayList<>();
        items.forEach(i -> texts.add(new String[] {i.title(), i.text()}));
        unlabelled.forEach(u -> texts.add(new String[] {u.title(), u.text()}));
        Featurizer space = FeatureBlocks.fit(texts, config.features());
        return PseudoLabels.neighbours(items, unlabelled, topics, space, config.unlabelled());
    }

    private Grid fitPerTopic(List<LabelledItem> items, List<List<List<String>>> perTopic,
            List<List<PseudoLabels.Example>> pseudo) {
        List<LabelledItem> examples = new ArrayList<>(items);
        List<Double> exampleWeight = new ArrayList<>();
        items.forEach(i -> exampleWeight.add(1.0));
        if (priorWeight() > 0) {
            examples.addAll(priors.documents());
            priors.documents().forEach(d -> exampleWeight.add(priors.weight()));
        }
        int shared = examples.size();
        // pseudo-labelled items join the dictionary (their words can get weights) and their topic's data only
        java.util.Map<String, Integer> pseudoIndex = new java.util.LinkedHashMap<>();
        if (pseudo != null) {
            for (List<PseudoLabels.Example> list : pseudo) {
                for (PseudoLabels.Example e : list) {
                    String key = e.item().title() + "\u0000" + e.item().text();
                    if (!pseudoIndex.containsKey(key)) {
                        pseudoIndex.put(key, examples.size());
                        examples.add(e.item());
                        exampleWeight.add(config.unlabelled().weight());
                    }
                }
            }
        }
        List<String[]> texts = examples.stream().map(e -> new String[] {e.title(), e.text()}).toList();
        Featurizer space = FeatureBlocks.fit(texts, config.features());
        Instances header = WekaData.header(space);
        List<SparseVector> vectors = space.vectorizeAll(texts);
        List<String> ids = topics.ids();
        TopicScorer[][] scorers = new TopicScorer[ids.size()][];
        int[] positives = new int[ids.size()];
        int[] pseudoPos = new int[ids.size()];
        int[] pseudoNeg = new int[ids.size()];
        IntStream.range(0, ids.size()).parallel().forEach(t -> {
            // this topic's data: the labelled items and priors, then its own pseudo-labelled items
            List<Integer> rows = new ArrayList<>();
            List<Boolean> lab = new ArrayList<>();
            for (int i = 0; i < shared; i++) {
                rows.add(i);
                lab.add(examples.get(i).has(ids.get(t)));
            }
            if (pseudo != null) {
                for (PseudoLabels.Example e : pseudo.get(t)) {
                    rows.add(pseudoIndex.get(e.item().title() + "\u0000" + e.item().text()));
                    lab.add(e.positive());
                    pseudoPos[t] += e.positive() ? 1 : 0;
                    pseudoNeg[t] += e.positive() ? 0 : 1;
                }
            }
            boolean[] labels = new boolean[rows.size()];
            List<SparseVector> rowVectors = new ArrayList<>(rows.size());
            List<Double> rowWeight = new ArrayList<>(rows.size());
            int realPositives = 0;
            int allPositives = 0;
            for (int k = 0; k < labels.length; k++) {
                labels[k] = lab.get(k);
                rowVectors.add(vectors.get(rows.get(k)));
                rowWeight.add(exampleWeight.get(rows.get(k)));
                allPositives += labels[k] ? 1 : 0;
                realPositives += labels[k] && rows.get(k) < items.size() ? 1 : 0;
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
            double[] weights = instanceWeights(labels, allPositives, rowWeight);
            for (int v = 0; v < variants.size(); v++) {
                scorers[t][v] = trainTopic(ids.get(t), header, rowVectors, labels, weights, allPositives,
                        space.size(), variants.get(v));
            }
        });
        return new Grid(space, scorers, positives, pseudoPos, pseudoNeg);
    }

    /** Balanced class weights (for learners that take them as instance weights) times each example's weight. */
    private double[] instanceWeights(boolean[] labels, int positives, List<Double> exampleWeight) {
        boolean balanced = config.learner().balancing() == LearnerConfig.Balance.WEIGHTS
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
        boolean balanced = config.learner().balancing() == LearnerConfig.Balance.WEIGHTS;
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

package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.config.LearnerConfig;
import io.rubrique.config.ThresholdConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * Binary relevance on Weka: one classifier per topic over shared French text features, then a threshold per topic
 * chosen by an inner cross-validation of the training items (the dictionary is refitted inside each inner fold
 * too, so the out-of-fold scores the thresholds are tuned on are honest). Holds only its config: thread-safe.
 */
public final class BinaryRelevanceTrainer implements Trainer {
    private static final List<Topic> TOPICS = Topic.all();
    private final ExperimentConfig config;

    public BinaryRelevanceTrainer(ExperimentConfig config) {
        this.config = config;
        WekaEnvironment.quiet();
        Learners.check(config.learner());
    }

    public ExperimentConfig config() {
        return config;
    }

    @Override
    public TrainedModel train(List<LabelledItem> items, long seed) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot train on zero items");
        }
        double[] thresholds = thresholds(items, seed);
        return fit(items, thresholds);
    }

    private BinaryRelevanceModel fit(List<LabelledItem> items, double[] thresholds) {
        FeatureSpace space = FeatureSpace.fit(items, config.features());
        Instances header = WekaData.header(space);
        List<SparseVector> vectors = new ArrayList<>(items.size());
        for (LabelledItem item : items) {
            vectors.add(space.vectorize(item.title(), item.text()));
        }
        Classifier[] classifiers = new Classifier[TOPICS.size()];
        double[] constants = new double[TOPICS.size()];
        // Topics train independently (each on its own dataset copy), so they run in parallel; every learner
        // used here trains deterministically, so the result does not depend on scheduling.
        IntStream.range(0, TOPICS.size()).parallel().forEach(t -> {
            Topic topic = TOPICS.get(t);
            boolean[] labels = new boolean[items.size()];
            int positives = 0;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = items.get(i).has(topic);
                positives += labels[i] ? 1 : 0;
            }
            if (positives == 0 || positives == items.size() || space.size() == 0) {
                // One class only: nothing to learn; the score is the class frequency.
                constants[t] = (double) positives / items.size();
                return;
            }
            constants[t] = Double.NaN;
            classifiers[t] = trainTopic(topic, header, vectors, labels, positives);
        });
        return new BinaryRelevanceModel(space, header, classifiers, constants, thresholds);
    }

    private Classifier trainTopic(Topic topic, Instances header, List<SparseVector> vectors, boolean[] labels,
            int positives) {
        LearnerConfig lc = config.learner();
        double[] weights = Learners.wantsInstanceWeights(lc)
                ? BalancedWeights.classWeights(positives, labels.length)
                : new double[] {1, 1};
        Classifier c = Learners.create(lc, positives, labels.length);
        try {
            c.buildClassifier(WekaData.dataset(header, vectors, labels, weights));
        } catch (Exception e) {
            throw new IllegalStateException("training " + lc.type() + " for topic " + topic + " failed: "
                    + e.getMessage(), e);
        }
        return c;
    }

    private double[] thresholds(List<LabelledItem> items, long seed) {
        ThresholdConfig tc = config.thresholds();
        double[] fixed = new double[TOPICS.size()];
        Arrays.fill(fixed, tc.fixed());
        int k = Math.min(tc.innerFolds(), items.size());
        if (!"inner-cv".equals(tc.strategy()) || k < 2) {
            return fixed;
        }
        int n = items.size();
        int[] fold = InnerFolds.assign(items, k, new Random(seed));
        double[][] oof = new double[n][];
        for (int f = 0; f < k; f++) {
            List<LabelledItem> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    test.add(i);
                } else {
                    train.add(items.get(i));
                }
            }
            BinaryRelevanceModel inner = fit(train, fixed);
            for (int i : test) {
                LabelledItem item = items.get(i);
                oof[i] = inner.scores(item.title(), item.text());
            }
        }
        double[] thresholds = new double[TOPICS.size()];
        for (int t = 0; t < TOPICS.size(); t++) {
            double[] s = new double[n];
            boolean[] g = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = oof[i][t];
                g[i] = items.get(i).has(TOPICS.get(t));
            }
            thresholds[t] = ThresholdTuner.bestF1Threshold(s, g, tc.min(), tc.max());
        }
        return thresholds;
    }
}

package io.rubrique.model;

import io.rubrique.data.Topic;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import weka.classifiers.Classifier;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A fitted binary-relevance model: one feature space, one Weka classifier per topic (or a constant score when the
 * training data had only one class for that topic), one threshold per topic. Thread-safe via {@link ClassifierPool}.
 */
final class BinaryRelevanceModel implements TrainedModel, Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<Topic> TOPICS = Topic.all();

    private final FeatureSpace space;
    private final Instances header;
    private final ClassifierPool pool;
    /** NaN where the topic has a classifier; otherwise the constant score for that topic. */
    private final double[] constantScores;
    private final double[] thresholds;
    /** Direct LibLINEAR scorers per topic (null where another path is used); rebuilt after deserialization. */
    private transient LiblinearScorer[] linear;
    /** Fast SMO scorers per topic (null where another path is used); rebuilt after deserialization. */
    private transient SmoScorer[] smo;
    /** Whether some topic needs a per-thread classifier copy (SMO calibrator or the plain Weka path). */
    private transient boolean needsPool;

    BinaryRelevanceModel(FeatureSpace space, Instances header, Classifier[] classifiers, double[] constantScores,
            double[] thresholds) {
        this.space = space;
        this.header = header;
        this.pool = new ClassifierPool(classifiers);
        this.constantScores = constantScores.clone();
        this.thresholds = thresholds.clone();
        prepareFastPaths();
    }

    private void prepareFastPaths() {
        Classifier[] master = pool.master();
        linear = new LiblinearScorer[master.length];
        smo = new SmoScorer[master.length];
        needsPool = false;
        for (int t = 0; t < master.length; t++) {
            if (master[t] == null) {
                continue;
            }
            linear[t] = LiblinearScorer.of(master[t], header.numAttributes());
            smo[t] = linear[t] == null ? SmoScorer.of(master[t], header.numAttributes()) : null;
            needsPool |= linear[t] == null;
        }
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        prepareFastPaths();
    }

    @Override
    public double[] scores(String title, String text) {
        Objects.requireNonNull(text, "text");
        return scores(space.vectorize(title, text));
    }

    double[] scores(SparseVector v) {
        return scores(v, true);
    }

    /**
     * Scores per topic: a constant, a direct linear scorer when {@code direct} allows one, or Weka's own
     * {@code distributionForInstance} on this thread's pooled copy.
     */
    private double[] scores(SparseVector v, boolean direct) {
        double[] out = new double[TOPICS.size()];
        Classifier[] own = needsPool || !direct ? pool.borrow() : null;
        Instance inst = null;
        try {
            for (int t = 0; t < out.length; t++) {
                if (!Double.isNaN(constantScores[t])) {
                    out[t] = constantScores[t];
                } else if (direct && linear[t] != null) {
                    out[t] = linear[t].score(v);
                } else if (direct && smo[t] != null) {
                    out[t] = smo[t].score(v, own[t]);
                } else {
                    inst = inst != null ? inst : WekaData.instance(header, v);
                    out[t] = own[t].distributionForInstance(inst)[WekaData.YES];
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Weka failed to classify an instance", e);
        } finally {
            if (own != null) {
                pool.giveBack(own);
            }
        }
        return out;
    }

    @Override
    public Map<Topic, Double> thresholds() {
        Map<Topic, Double> m = new EnumMap<>(Topic.class);
        for (int t = 0; t < TOPICS.size(); t++) {
            m.put(TOPICS.get(t), thresholds[t]);
        }
        return m;
    }

    @Override
    public Tagging tag(String title, String text) {
        return toTagging(scores(title, text));
    }

    Tagging toTagging(double[] s) {
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        Map<Topic, Double> scores = new EnumMap<>(Topic.class);
        for (int t = 0; t < s.length; t++) {
            scores.put(TOPICS.get(t), s[t]);
            if (s[t] >= thresholds[t]) {
                topics.add(TOPICS.get(t));
            }
        }
        return new Tagging(topics, scores);
    }

    @Override
    public Set<String> vocabulary() {
        return space.vocabulary();
    }

    FeatureSpace featureSpace() {
        return space;
    }

    /** Scores through Weka's own {@code distributionForInstance} only (for the test that pins the direct path). */
    double[] wekaScores(SparseVector v) {
        return scores(v, false);
    }
}

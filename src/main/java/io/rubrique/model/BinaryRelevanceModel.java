package io.rubrique.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.text.Attribution;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.Featurizer;
import io.rubrique.text.SparseVector;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted binary-relevance model: its features (one {@link Featurizer}: the n-gram block, or blocks), and per topic a scorer (an exported linear model, Weka
 * itself, or a constant), a calibration and a threshold, plus the provenance of how it was made. Immutable and
 * thread-safe. The per-topic arrays are in the order of {@link #topics()} and never leave this class.
 */
final class BinaryRelevanceModel implements TrainedModel, Serializable {
    private static final long serialVersionUID = 2L;

    private final TopicSet topics;
    private final Featurizer space;
    private final TopicScorer[] scorers;
    private final Calibration[] calibrations;
    private final double[] thresholds;
    /**
     * The provenance as the canonical JSON it is stored as in a model file, or null for a model made in this JVM.
     * A model read from a file binds it to {@link #provenance} on first use only: tagging needs the topics alone
     * (taken from this JSON without binding), and binding the provenance's record types was the largest part of
     * a fresh JVM's model load. The file's checksum covers this text, and a save loads the model back and binds
     * it, so a model that loads binds.
     */
    private final String provenanceJson;
    /** Bound on first use from {@link #provenanceJson} when null; the same value whichever thread binds it. */
    private volatile ModelProvenance provenance;
    /**
     * When every topic is a {@link LinearScorer}: their weights feature-major ({@code packed[i * topics + t]}), so
     * scoring reads the weights of a snippet's feature for all topics from one cache line instead of one line per
     * topic (the weight arrays are each larger than a core's cache). Derived, never serialized; null otherwise.
     */
    private final transient double[] packed;
    private final transient double[] biases;

    BinaryRelevanceModel(Featurizer space, TopicScorer[] scorers, Calibration[] calibrations, double[] thresholds,
            ModelProvenance provenance) {
        this(space, scorers, calibrations, thresholds, Objects.requireNonNull(provenance, "provenance").topics(),
                provenance, null);
    }

    private BinaryRelevanceModel(Featurizer space, TopicScorer[] scorers, Calibration[] calibrations,
            double[] thresholds, TopicSet topics, ModelProvenance provenance, String provenanceJson) {
        this.provenance = provenance;
        this.provenanceJson = provenanceJson;
        this.topics = Objects.requireNonNull(topics, "topics");
        this.space = Objects.requireNonNull(space, "space");
        this.scorers = scorers.clone();
        this.calibrations = calibrations.clone();
        this.thresholds = thresholds.clone();
        int n = topics.size();
        if (this.scorers.length != n || this.calibrations.length != n || this.thresholds.length != n) {
            throw new IllegalArgumentException("per-topic arrays do not match the " + n + " topics");
        }
        double[][] pack = pack(this.scorers, space.size());
        this.packed = pack == null ? null : pack[0];
        this.biases = pack == null ? null : pack[1];
    }

    /** {packed weights, biases} when every scorer is linear over exactly {@code size} features, else null. */
    private static double[][] pack(TopicScorer[] scorers, int size) {
        int n = scorers.length;
        for (TopicScorer s : scorers) {
            if (!(s instanceof LinearScorer l) || l.weights().length != size) {
                return null;
            }
        }
        double[] w = new double[size * n];
        double[] b = new double[n];
        for (int t = 0; t < n; t++) {
            LinearScorer l = (LinearScorer) scorers[t];
            b[t] = l.bias();
            double[] lw = l.weights();
            for (int i = 0; i < size; i++) {
                w[i * n + t] = lw[i];
            }
        }
        return new double[][] {w, b};
    }

    /**
     * Raw scores of every topic. With packed weights each topic's sum runs over the snippet's features in the
     * same order, from the same bias, as {@link LinearScorer#raw}, so the numbers are the same to the last bit.
     */
    private double[] raw(SparseVector v) {
        int n = scorers.length;
        if (packed == null) {
            double[] r = new double[n];
            for (int t = 0; t < n; t++) {
                r[t] = scorers[t].raw(v);
            }
            return r;
        }
        double[] r = biases.clone();
        int[] idx = v.indices();
        double[] val = v.values();
        for (int k = 0; k < idx.length; k++) {
            int base = idx[k] * n;
            double x = val[k];
            for (int t = 0; t < n; t++) {
                r[t] += x * packed[base + t];
            }
        }
        return r;
    }

    @Override
    public TopicSet topics() {
        return topics;
    }

    @Override
    public Tagging tag(String title, String text) {
        Snippet.requireText(text);
        SparseVector v = space.vectorize(title, text);
        double[] p = raw(v);
        List<String> assigned = new ArrayList<>(2);
        List<String> ids = topics.ids();
        for (int t = 0; t < p.length; t++) {
            p[t] = calibrations[t].probability(p[t]);
            if (p[t] >= thresholds[t]) {
                assigned.add(ids.get(t));
            }
        }
        return new Tagging(assigned, PerTopic.ofDoubles(topics, p));
    }

    @Override
    public PerTopic<Explanation> explain(String title, String text) {
        Snippet.requireText(text);
        Attribution a = space.attribute(title, text);
        SparseVector v = a.vector();
        List<Explanation> out = new ArrayList<>(scorers.length);
        List<String> ids = topics.ids();
        for (int t = 0; t < scorers.length; t++) {
            double raw = scorers[t].raw(v);
            double p = calibrations[t].probability(raw);
            boolean assigned = p >= thresholds[t];
            if (scorers[t] instanceof WekaScorer) {
                out.add(Explanation.unavailable(ids.get(t), p, thresholds[t], assigned, "not available: "
                        + provenance().config().learner().type() + " is scored by Weka, not by a linear model"));
                continue;
            }
            java.util.Map<String, Double> byWord = new java.util.LinkedHashMap<>();
            double bias = raw;
            if (scorers[t] instanceof LinearScorer l) {
                bias = l.bias();
                for (int k = 0; k < v.nnz(); k++) {
                    int i = v.indices()[k];
                    double c = v.values()[k] * l.weight(i);
                    java.util.Map<String, Double> shares = a.shares().get(i);
                    if (shares == null || shares.isEmpty()) {
                        byWord.merge("(" + space.name(i) + ")", c, Double::sum);
                        continue;
                    }
                    for (java.util.Map.Entry<String, Double> e : shares.entrySet()) {
                        byWord.merge(e.getKey(), c * e.getValue(), Double::sum);
                    }
                }
            }
            List<Explanation.Term> terms = new ArrayList<>();
            byWord.forEach((w, c) -> terms.add(new Explanation.Term(w, c, a.isWord(w))));
            terms.sort(java.util.Comparator.comparingDouble((Explanation.Term x) -> -Math.abs(x.contribution()))
                    .thenComparing(Explanation.Term::term));
            double rawThreshold = calibrations[t].rawFor(thresholds[t]);
            out.add(new Explanation(ids.get(t), true, raw, bias, p, thresholds[t],
                    Double.isFinite(rawThreshold) ? rawThreshold : null, assigned, terms,
                    scorers[t] instanceof ConstantScorer ? "the training items had one class only: constant score"
                            : ""));
        }
        return PerTopic.inOrder(topics, out);
    }

    /** Per topic, the strongest weights and the decision rule ({@code top} features each way). */
    ModelInspection inspect(int top) {
        List<ModelInspection.TopicInspection> out = new ArrayList<>();
        for (int t = 0; t < scorers.length; t++) {
            double rt = calibrations[t].rawFor(thresholds[t]);
            Double rawThreshold = Double.isFinite(rt) ? rt : null;
            if (scorers[t] instanceof LinearScorer l) {
                Integer[] order = new Integer[l.weights().length];
                int nonZero = 0;
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                    nonZero += l.weights()[i] != 0 ? 1 : 0;
                }
                java.util.Arrays.sort(order, (a, b) -> Double.compare(l.weights()[b], l.weights()[a]));
                List<Explanation.Term> pos = new ArrayList<>();
                List<Explanation.Term> neg = new ArrayList<>();
                for (int k = 0; k < Math.min(top, order.length) && l.weights()[order[k]] > 0; k++) {
                    pos.add(new Explanation.Term(space.name(order[k]), l.weights()[order[k]]));
                }
                for (int k = order.length - 1; k >= Math.max(0, order.length - top) && l.weights()[order[k]] < 0; k--) {
                    neg.add(new Explanation.Term(space.name(order[k]), l.weights()[order[k]]));
                }
                out.add(new ModelInspection.TopicInspection("linear", thresholds[t], rawThreshold, calibrations[t],
                        l.bias(), nonZero, pos, neg, ""));
            } else {
                String note = scorers[t] instanceof ConstantScorer ? "one class only in the training items"
                        : "scored by Weka (" + provenance().config().learner().type() + "): no weights to show";
                out.add(new ModelInspection.TopicInspection(scorers[t].kind(), thresholds[t], rawThreshold,
                        calibrations[t], null, 0, List.of(), List.of(), note));
            }
        }
        return new ModelInspection(space.size(), PerTopic.inOrder(topics, out));
    }

    @Override
    public PerTopic<Double> thresholds() {
        return PerTopic.ofDoubles(topics, thresholds);
    }

    @Override
    public ModelProvenance provenance() {
        ModelProvenance p = provenance;
        if (p == null) {
            try {
                p = ModelJson.mapper().readValue(provenanceJson, ModelProvenance.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("model provenance unreadable: " + e.getOriginalMessage(), e);
            }
            provenance = p;
        }
        return p;
    }

    /** The provenance as canonical JSON: as stored in the model file (what a manifest is checked against). */
    String provenanceJson() throws JsonProcessingException {
        return provenanceJson != null ? provenanceJson : ModelJson.mapper().writeValueAsString(provenance);
    }

    @Override
    public Set<String> vocabulary() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (int i = 0; i < space.size(); i++) {
            names.add(space.name(i));
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The scorer of a topic (for the fast-path and explanation code of this package). */
    TopicScorer scorer(String topic) {
        return scorers[topics.ids().indexOf(topic)];
    }

    /** A copy with other calibrations and thresholds (the trainer fits those after the scorers). */
    BinaryRelevanceModel withDecisions(Calibration[] cal, double[] th, ModelProvenance p) {
        return new BinaryRelevanceModel(space, scorers, cal, th, p);
    }

    /**
     * A serialized model is its {@link Form}: the provenance as its canonical JSON (so the model file, which the
     * manifest's checksum covers, holds exactly the record the manifest is written from) and the fitted parts.
     * An n-gram-only model keeps its space in the field {@code space}, as before feature blocks existed (so older
     * model files still read); other features go in {@code features}.
     */
    private Object writeReplace() throws JsonProcessingException {
        FeatureSpace ngrams = space instanceof FeatureSpace f ? f : null;
        return new Form(provenanceJson(), ngrams, scorers, calibrations, thresholds, ngrams == null ? space : null);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a model is read through its serialized form only");
    }

    private record Form(String provenance, FeatureSpace space, TopicScorer[] scorers, Calibration[] calibrations,
            double[] thresholds, Featurizer features) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() throws InvalidObjectException {
            TopicSet topics;
            try {
                topics = ModelJson.topics(provenance == null ? null : ModelJson.readTree(provenance).get("topics"));
            } catch (java.io.IOException | RuntimeException e) {
                throw new InvalidObjectException("model provenance unreadable: " + e.getMessage());
            }
            Featurizer f = features != null ? features : space;
            if (f == null || (features != null && space != null) || scorers == null || calibrations == null
                    || thresholds == null) {
                throw new InvalidObjectException("model is missing parts");
            }
            for (TopicScorer s : scorers) {
                if (s == null) {
                    throw new InvalidObjectException("model has a topic without scorer");
                }
                if (s instanceof LinearScorer l && l.weights().length != f.size()) {
                    throw new InvalidObjectException("a linear scorer has " + l.weights().length + " weights for "
                            + f.size() + " features");
                }
            }
            for (double th : thresholds) {
                if (!(th >= 0 && th <= 1)) {
                    throw new InvalidObjectException("threshold " + th + " outside [0, 1]");
                }
            }
            try {
                return new BinaryRelevanceModel(f, scorers, calibrations, thresholds, topics, null, provenance);
            } catch (IllegalArgumentException e) {
                throw new InvalidObjectException(e.getMessage());
            }
        }
    }
}

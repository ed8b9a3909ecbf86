package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.config.ThresholdConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import io.rubrique.util.Versions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * Binary relevance on Weka: one classifier per topic over shared French text features. An inner cross-validation
 * of the training items gives held-out raw scores per topic, on which each topic's calibration (Platt scaling) and
 * then its threshold (best F1 on the calibrated scale) are fitted; the dictionary is refitted inside each inner
 * fold too, so nothing is fitted on the scores it is judged by. The final scorers are fitted on all items.
 * Holds only its config: thread-safe.
 */
public final class BinaryRelevanceTrainer implements Trainer {
    private final ExperimentConfig config;
    private final LearnerRegistry registry;
    private final Learner learner;
    private final List<String> options;

    public BinaryRelevanceTrainer(ExperimentConfig config) {
        this.config = config;
        this.registry = LearnerRegistry.standard();
        WekaEnvironment.quiet();
        List<String> problems = registry.problems(config.learner());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.learner = registry.get(config.learner().type());
        this.options = registry.options(config.learner());
    }

    public ExperimentConfig config() {
        return config;
    }

    @Override
    public TrainedModel train(TrainingSet data, long seed) {
        return trainWithCommittee(data, seed).model();
    }

    /**
     * A model and its committee: the fold models of the inner cross-validation, each with the final model's
     * calibrations and thresholds, so that their votes are comparable (query by committee). Costs no more than
     * {@link #train}, which builds the fold models anyway; the committee is empty when the config runs no inner
     * cross-validation.
     */
    public Committee trainWithCommittee(TrainingSet data, long seed) {
        if (data.items().isEmpty()) {
            throw new IllegalArgumentException("cannot train on zero items");
        }
        long t0 = System.nanoTime();
        TopicSet topics = data.topics();
        Inner inner = innerCv(data, seed);
        boolean average = "fold-average".equals(config.calibration().finalModel()) && inner != null;
        Fitted fitted = average ? Fitted.average(inner.models, fit(data.items(), topics)) : fit(data.items(), topics);
        Decisions d = decisions(data, inner, fitted);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, ModelProvenance.TopicFacts> facts = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            facts.put(ids.get(t), new ModelProvenance.TopicFacts(fitted.positives[t], fitted.scorers[t].kind(),
                    String.join(" ", options), d.calibrations[t], d.thresholds[t], 0));
        }
        ModelProvenance provenance = new ModelProvenance(config.name(), config, topics, data.data(),
                data.unlabelledData(), seed, new ModelProvenance.TrainingFacts(data.items().size(),
                        fitted.space.size(), millis, facts),
                Versions.libraries(), Versions.codeRevision(Path.of(".")),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        BinaryRelevanceModel model = new BinaryRelevanceModel(fitted.space, fitted.scorers, d.calibrations,
                d.thresholds, provenance);
        List<TrainedModel> folds = new ArrayList<>();
        if (inner != null) {
            for (Fitted f : inner.models) {
                folds.add(new BinaryRelevanceModel(f.space, f.scorers, d.calibrations, d.thresholds, provenance));
            }
        }
        return new Committee(model, folds);
    }

    /** A model and the fold models of its inner cross-validation. */
    public record Committee(TrainedModel model, List<TrainedModel> folds) {
        public Committee {
            folds = List.copyOf(folds);
        }
    }

    /** Per-topic calibrations and thresholds, in topic order. */
    private record Decisions(Calibration[] calibrations, double[] thresholds) {
    }

    /** The inner cross-validation: each item's out-of-fold raw scores, and the fold models. */
    private record Inner(double[][] oof, List<Fitted> models, int[] fold) {
    }

    /** A fitted feature space and per-topic raw scorers, with each topic's positives. */
    private record Fitted(FeatureSpace space, TopicScorer[] scorers, int[] positives) {
        double[] raw(LabelledItem item) {
            SparseVector v = space.vectorize(item.title(), item.text());
            double[] r = new double[scorers.length];
            for (int t = 0; t < r.length; t++) {
                r[t] = scorers[t].raw(v);
            }
            return r;
        }

        /**
         * The fold models' average, on the full data's feature space: each linear fold model's weights are
         * carried over by term (a term a fold never saw weighs 0 there), then averaged; other scorers keep
         * the full model's.
         */
        static Fitted average(List<Fitted> folds, Fitted full) {
            TopicScorer[] out = full.scorers.clone();
            int n = full.space.size();
            for (int t = 0; t < out.length; t++) {
                double[] w = new double[n];
                double bias = 0;
                boolean allLinear = true;
                for (Fitted f : folds) {
                    if (!(f.scorers[t] instanceof LinearScorer l)) {
                        allLinear = false;
                        break;
                    }
                    int[] map = full.space.indicesOf(f.space);
                    for (int j = 0; j < map.length; j++) {
                        if (map[j] >= 0) {
                            w[map[j]] += l.weight(j) / folds.size();
                        }
                    }
                    bias += l.bias() / folds.size();
                }
                if (allLinear) {
                    out[t] = new LinearScorer(w, bias);
                }
            }
            return new Fitted(full.space, out, full.positives);
        }
    }

    private Fitted fit(List<LabelledItem> items, TopicSet topics) {
        FeatureSpace space = FeatureSpace.fit(items, config.features());
        Instances header = WekaData.header(space);
        List<SparseVector> vectors = new ArrayList<>(items.size());
        for (LabelledItem item : items) {
            vectors.add(space.vectorize(item.title(), item.text()));
        }
        List<String> ids = topics.ids();
        TopicScorer[] scorers = new TopicScorer[ids.size()];
        int[] positives = new int[ids.size()];
        // Topics train independently (each on its own dataset copy), so they run in parallel; every learner
        // used here trains deterministically, so the result does not depend on scheduling.
        IntStream.range(0, ids.size()).parallel().forEach(t -> {
            boolean[] labels = new boolean[items.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = items.get(i).has(ids.get(t));
                positives[t] += labels[i] ? 1 : 0;
            }
            if (positives[t] == 0 || positives[t] == items.size() || space.size() == 0) {
                // One class only: nothing to learn; the raw score is the (smoothed) class log-odds.
                double p = (positives[t] + 0.5) / (items.size() + 1.0);
                scorers[t] = new ConstantScorer(Math.log(p / (1 - p)));
                return;
            }
            scorers[t] = trainTopic(ids.get(t), header, vectors, labels, positives[t], space.size());
        });
        return new Fitted(space, scorers, positives);
    }

    private TopicScorer trainTopic(String topic, Instances header, List<SparseVector> vectors, boolean[] labels,
            int positives, int numFeatures) {
        boolean balanced = "weights".equals(config.learner().balance());
        double[] weights = balanced && learner.weighting() == Learner.Weighting.INSTANCE
                ? BalancedWeights.classWeights(positives, labels.length)
                : new double[] {1, 1};
        Classifier c = learner.create(options, balanced, positives, labels.length);
        try {
            c.buildClassifier(WekaData.dataset(header, vectors, labels, weights));
        } catch (Exception e) {
            throw new IllegalStateException("training " + learner.id() + " for topic " + topic + " failed: "
                    + e.getMessage(), e);
        }
        return learner.export(c, numFeatures).<TopicScorer>map(s -> s).orElseGet(() -> new WekaScorer(c, header));
    }

    /** The inner cross-validation, or null when the config needs none or there are too few items to split. */
    private Inner innerCv(TrainingSet data, long seed) {
        List<LabelledItem> items = data.items();
        ThresholdConfig tc = config.thresholds();
        int n = items.size();
        int k = Math.min(tc.innerFolds(), n);
        boolean needed = "inner-cv".equals(tc.strategy()) || !"none".equals(config.calibration().method())
                || "fold-average".equals(config.calibration().finalModel());
        if (k < 2 || !needed) {
            return null;
        }
        int[] fold = InnerFolds.assign(items, data.topics(), k, new Random(seed));
        double[][] oof = new double[n][];
        List<Fitted> models = new ArrayList<>();
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
            Fitted inner = fit(train, data.topics());
            models.add(inner);
            for (int i : test) {
                oof[i] = inner.raw(items.get(i));
            }
        }
        return new Inner(oof, models, fold);
    }

    /**
     * Calibrations and thresholds: calibration fitted on the inner cross-validation's held-out raw scores
     * ("platt"), then the threshold that maximises F1 on the calibrated held-out scores. Without an inner
     * cross-validation, the fixed threshold and the logistic map.
     */
    private Decisions decisions(TrainingSet data, Inner inner, Fitted finalModel) {
        List<LabelledItem> items = data.items();
        TopicSet topics = data.topics();
        ThresholdConfig tc = config.thresholds();
        int n = items.size();
        String method = config.calibration().method();
        boolean tune = "inner-cv".equals(tc.strategy());
        Calibration[] cal = new Calibration[topics.size()];
        double[] th = new double[topics.size()];
        java.util.Arrays.fill(cal, Calibration.logistic());
        java.util.Arrays.fill(th, tc.fixed());
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            boolean[] gold = new boolean[n];
            for (int i = 0; i < n; i++) {
                gold[i] = items.get(i).has(ids.get(t));
            }
            if ("training".equals(method)) {
                cal[t] = Calibration.platt(rawOn(finalModel, items, t), gold);
            }
            if (inner == null) {
                continue;
            }
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                raw[i] = inner.oof[i][t];
            }
            double[] p = new double[n];
            if ("platt".equals(method)) {
                cal[t] = Calibration.platt(raw, gold);
                for (int i = 0; i < n; i++) {
                    p[i] = cal[t].probability(raw[i]);
                }
            } else if ("training".equals(method)) {
                // each fold model calibrated on its own training outputs, as Weka's SMO -M does
                for (int f = 0; f < inner.models.size(); f++) {
                    List<LabelledItem> train = new ArrayList<>();
                    List<Boolean> g = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (inner.fold[i] != f) {
                            train.add(items.get(i));
                            g.add(gold[i]);
                        }
                    }
                    boolean[] gf = new boolean[g.size()];
                    for (int i = 0; i < gf.length; i++) {
                        gf[i] = g.get(i);
                    }
                    Calibration cf = Calibration.platt(rawOn(inner.models.get(f), train, t), gf);
                    for (int i = 0; i < n; i++) {
                        if (inner.fold[i] == f) {
                            p[i] = cf.probability(raw[i]);
                        }
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    p[i] = cal[t].probability(raw[i]);
                }
            }
            if (tune) {
                th[t] = ThresholdTuner.bestF1Threshold(p, gold, tc.min(), tc.max());
            }
        }
        return new Decisions(cal, th);
    }

    private static double[] rawOn(Fitted model, List<LabelledItem> items, int t) {
        double[] r = new double[items.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = model.raw(items.get(i))[t];
        }
        return r;
    }
}

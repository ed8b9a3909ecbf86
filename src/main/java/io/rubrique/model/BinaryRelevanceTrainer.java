package io.rubrique.model;

import io.rubrique.util.ValueRecords;
import io.rubrique.config.CalibrationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.config.ThresholdConfig;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Versions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binary relevance on Weka: one classifier per topic over shared French text features. An inner cross-validation
 * of the training items (repeated {@code thresholds.inner_repeats} times) gives held-out raw scores per topic, on
 * which each topic's regularisation is chosen (when {@code learner.c_grid} is given), then its calibration (Platt
 * scaling) and then its threshold (best F1 on the calibrated scale) are fitted; the dictionary is refitted inside
 * each inner fold too, so nothing is fitted on the scores it is judged by. The final scorers are fitted on all
 * items. Topic definitions may join every training set as weighted pseudo-documents ({@code prior}). Holds only
 * its config: thread-safe.
 */
public final class BinaryRelevanceTrainer implements Trainer {
    private final ExperimentConfig config;
    private final Learner learner;
    private final List<List<String>> variants;
    private final List<String> variantNames;
    /** The code revision every model of this trainer records: two git processes, so asked once per trainer. */
    private final String codeRevision;

    public BinaryRelevanceTrainer(ExperimentConfig config) {
        this.config = config;
        this.codeRevision = Versions.codeRevision(Path.of("."));
        LearnerRegistry registry = LearnerRegistry.standard();
        WekaEnvironment.quiet();
        List<String> problems = registry.problems(config.learner());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.learner = registry.get(config.learner().type());
        List<String> base = registry.options(config.learner());
        List<List<String>> v = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (config.learner().selectsC()) {
            String flag = learner.regularisationFlag().orElseThrow(() -> new IllegalArgumentException(
                    "learner.c_grid: " + learner.id() + " has no regularisation option to choose"));
            for (double c : config.learner().cGrid()) {
                String value = String.format(Locale.ROOT, "%s", c);
                v.add(LearnerRegistry.merge(base, List.of(flag, value)));
                names.add(flag + " " + value);
            }
        } else {
            v.add(base);
            names.add("");
        }
        this.variants = List.copyOf(v);
        this.variantNames = List.copyOf(names);
    }

    public ExperimentConfig config() {
        return config;
    }

    @Override
    public void prepare(TrainingSet data) {
        List<String[]> texts = new ArrayList<>();
        data.items().forEach(i -> texts.add(new String[] {i.title(), i.text()}));
        data.unlabelled().forEach(u -> texts.add(new String[] {u.title(), u.text()}));
        io.rubrique.text.FeatureBlocks.prepare(texts, config.features());
    }

    @Override
    public TrainedModel train(TrainingSet data, long seed) {
        return trainWithCommittee(data, seed).model();
    }

    /** A model and the fold models of its inner cross-validation. */
    public record Committee(TrainedModel model, List<TrainedModel> folds) {
        public Committee {
            folds = List.copyOf(folds);
        }
    }

    /**
     * A model and its committee: the fold models of the (first) inner cross-validation, each with the final
     * model's calibrations and thresholds, so that their votes are comparable (query by committee). Costs no more
     * than {@link #train}, which builds the fold models anyway; the committee is empty when the config runs no
     * inner cross-validation.
     */
    public Committee trainWithCommittee(TrainingSet data, long seed) {
        if (data.items().isEmpty()) {
            throw new IllegalArgumentException("cannot train on zero items");
        }
        long t0 = System.nanoTime();
        TopicSet topics = data.topics();
        TopicFitter fitter = new TopicFitter(config, learner, topics, PriorDocuments.of(config.prior(), topics),
                unlabelledApartFromLabelled(data));
        InnerValidation inner = InnerValidation.run(data, config, fitter, variants, seed);
        int[] choice = inner == null ? new int[topics.size()] : inner.choose(config.learner().selectionMetric());
        TopicFitter.Fitted fitted = fitter.fit(data.items(), variantsFor(choice));
        Decisions d = decisions(data, inner, choice);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        Map<String, ModelProvenance.TopicFacts> facts = new LinkedHashMap<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            String opts = String.join(" ", variants.get(choice[t]));
            facts.put(ids.get(t), new ModelProvenance.TopicFacts(fitted.positives()[t], fitted.scorers()[t].kind(),
                    opts, d.calibrations[t], d.thresholds[t], fitter.priorWeight(), fitted.pseudoPositives()[t],
                    fitted.pseudoNegatives()[t], d.heldOut[t]));
        }
        ModelProvenance provenance = new ModelProvenance(config.name(), config, topics, data.data(),
                data.unlabelledData(), seed, new ModelProvenance.TrainingFacts(data.items().size(),
                        fitted.space().size(), millis, facts),
                versions(fitted.space()), codeRevision,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        BinaryRelevanceModel model = new BinaryRelevanceModel(fitted.space(), fitted.scorers(), d.calibrations,
                d.thresholds, provenance);
        List<TrainedModel> folds = new ArrayList<>();
        if (inner != null) {
            for (TopicFitter.Grid g : inner.firstRepeatFolds()) {
                TopicFitter.Fitted f = g.select(choice);
                folds.add(new BinaryRelevanceModel(f.space(), f.scorers(), d.calibrations, d.thresholds, provenance));
            }
        }
        return new Committee(model, folds);
    }

    /** The library versions, plus the digest of every pretrained part the features use (an encoder's weights). */
    private static Map<String, String> versions(io.rubrique.text.Featurizer features) {
        Map<String, String> m = new LinkedHashMap<>(Versions.libraries());
        m.putAll(features.pretrained());
        return m;
    }

    /**
     * The training set's unlabelled items minus any whose text is a labelled item's (so no inner fold's held-out
     * item can come back as an unlabelled one).
     */
    private static List<io.rubrique.data.Snippet> unlabelledApartFromLabelled(TrainingSet data) {
        if (data.unlabelled().isEmpty()) {
            return List.of();
        }
        java.util.Set<String> labelled = new java.util.HashSet<>();
        data.items().forEach(i -> labelled.add(io.rubrique.data.TextKey.of(i.text())));
        return data.unlabelled().stream().filter(u -> !labelled.contains(io.rubrique.data.TextKey.of(u.text())))
                .toList();
    }

    /** Each topic's options, as chosen. */
    private List<List<List<String>>> variantsFor(int[] choice) {
        List<List<List<String>>> out = new ArrayList<>();
        for (int c : choice) {
            out.add(List.of(variants.get(c)));
        }
        return out;
    }

    /** Names of the option variants compared by the inner cross-validation ("" when there is one). */
    List<String> variantNames() {
        return variantNames;
    }

    /** Per-topic calibrations, thresholds and calibrated held-out scores (null without inner CV), in topic order. */
    private record Decisions(Calibration[] calibrations, double[] thresholds, ModelProvenance.HeldOut[] heldOut) {
        @Override // arrays by content
        public boolean equals(Object o) { return ValueRecords.equal(this, o); }

        @Override
        public int hashCode() { return ValueRecords.hash(this); }
    }

    /**
     * Calibrations and thresholds: calibration fitted on the inner cross-validation's held-out raw scores of the
     * chosen variant ("platt"), then the threshold that maximises F1 on the calibrated held-out scores. Without an
     * inner cross-validation, the fixed threshold and the logistic map.
     */
    private Decisions decisions(TrainingSet data, InnerValidation inner, int[] choice) {
        TopicSet topics = data.topics();
        ThresholdConfig tc = config.thresholds();
        Calibration[] cal = new Calibration[topics.size()];
        double[] th = new double[topics.size()];
        Arrays.fill(cal, Calibration.logistic());
        Arrays.fill(th, tc.fixed());
        ModelProvenance.HeldOut[] held = new ModelProvenance.HeldOut[topics.size()];
        if (inner == null) {
            return new Decisions(cal, th, held);
        }
        boolean platt = config.calibration().calibrator() == CalibrationConfig.Method.PLATT;
        boolean tune = tc.tuned();
        for (int t = 0; t < topics.size(); t++) {
            double[] raw = inner.heldOut(t, choice[t]);
            boolean[] gold = inner.gold(t);
            cal[t] = platt ? Calibration.platt(raw, gold) : Calibration.logistic();
            double[] p = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                p[i] = cal[t].probability(raw[i]);
            }
            if (tune) {
                th[t] = ThresholdTuner.bestF1Threshold(p, gold, tc.min(), tc.max());
            }
            held[t] = ModelProvenance.HeldOut.of(tc.innerRepeats(), p, gold);
        }
        return new Decisions(cal, th, held);
    }

}

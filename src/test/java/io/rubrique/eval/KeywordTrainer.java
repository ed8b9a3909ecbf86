package io.rubrique.eval;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.Tagging;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fast stand-in for the real trainer in tests: per topic, smoothed log-odds of each word's document frequency
 * among positives versus negatives, summed over an item's words and squashed to [0, 1]; threshold 0.5. Its
 * vocabulary is exactly the words of its training items, which makes it a subject for the no-leak test.
 */
public final class KeywordTrainer implements Trainer {
    @Override
    public TrainedModel train(TrainingSet data, long seed) {
        List<LabelledItem> items = data.items();
        TopicSet topics = data.topics();
        Map<String, Map<String, Double>> weights = new HashMap<>();
        Map<String, Double> priors = new HashMap<>();
        Set<String> vocabulary = new HashSet<>();
        for (LabelledItem item : items) {
            vocabulary.addAll(words(item.title(), item.text()));
        }
        for (String t : topics.ids()) {
            Map<String, Integer> pos = new HashMap<>();
            Map<String, Integer> neg = new HashMap<>();
            int nPos = 0;
            for (LabelledItem item : items) {
                boolean p = item.has(t);
                nPos += p ? 1 : 0;
                for (String w : words(item.title(), item.text())) {
                    (p ? pos : neg).merge(w, 1, Integer::sum);
                }
            }
            int nNeg = items.size() - nPos;
            Map<String, Double> w = new HashMap<>();
            for (String term : vocabulary) {
                double lp = Math.log((pos.getOrDefault(term, 0) + 0.5) / (nPos + 1.0));
                double ln = Math.log((neg.getOrDefault(term, 0) + 0.5) / (nNeg + 1.0));
                w.put(term, lp - ln);
            }
            weights.put(t, w);
            priors.put(t, Math.log((nPos + 0.5) / (nNeg + 0.5)));
        }
        return new Model(topics, weights, priors, Set.copyOf(vocabulary), provenance(data, seed));
    }

    /** A minimal provenance for test models. */
    public static ModelProvenance provenance(TrainingSet data, long seed) {
        Map<String, ModelProvenance.TopicFacts> facts = new LinkedHashMap<>();
        return new ModelProvenance("keyword", ExperimentConfig.defaults(), data.topics(), data.data(), null, seed,
                new ModelProvenance.TrainingFacts(data.items().size(), 0, 0, facts), Map.of("rubrique", "test"),
                "test", "2025-01-01T00:00:00Z");
    }

    static Set<String> words(String title, String text) {
        Set<String> out = new HashSet<>();
        for (String w : (title + " " + text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private record Model(TopicSet topics, Map<String, Map<String, Double>> weights, Map<String, Double> priors,
            Set<String> vocabulary, ModelProvenance provenance) implements TrainedModel {
        @Override
        public PerTopic<Double> thresholds() {
            return PerTopic.of(topics, t -> 0.5);
        }

        @Override
        public Tagging tag(String title, String text) {
            Set<String> ws = words(title, text);
            List<String> assigned = new ArrayList<>();
            PerTopic<Double> scores = PerTopic.of(topics, t -> {
                double z = priors.get(t);
                for (String w : ws) {
                    z += weights.get(t).getOrDefault(w, 0.0);
                }
                return 1 / (1 + Math.exp(-z / 4));
            });
            scores.forEach((t, s) -> {
                if (s >= 0.5) {
                    assigned.add(t);
                }
            });
            return new Tagging(assigned, scores);
        }
    }
}

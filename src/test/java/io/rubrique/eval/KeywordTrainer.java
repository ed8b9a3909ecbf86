package io.rubrique.eval;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import io.rubrique.model.Tagging;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
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
    public TrainedModel train(List<LabelledItem> items, long seed) {
        Map<Topic, Map<String, Double>> weights = new EnumMap<>(Topic.class);
        Map<Topic, Double> priors = new EnumMap<>(Topic.class);
        Set<String> vocabulary = new HashSet<>();
        for (LabelledItem item : items) {
            vocabulary.addAll(words(item.title(), item.text()));
        }
        for (Topic t : Topic.all()) {
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
        return new Model(weights, priors, Set.copyOf(vocabulary));
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

    private record Model(Map<Topic, Map<String, Double>> weights, Map<Topic, Double> priors, Set<String> vocabulary)
            implements TrainedModel {
        @Override
        public double[] scores(String title, String text) {
            Set<String> ws = words(title, text);
            double[] s = new double[Topic.all().size()];
            for (Topic t : Topic.all()) {
                double z = priors.get(t);
                for (String w : ws) {
                    z += weights.get(t).getOrDefault(w, 0.0);
                }
                s[t.ordinal()] = 1 / (1 + Math.exp(-z / 4));
            }
            return s;
        }

        @Override
        public Map<Topic, Double> thresholds() {
            Map<Topic, Double> m = new EnumMap<>(Topic.class);
            Topic.all().forEach(t -> m.put(t, 0.5));
            return m;
        }

        @Override
        public Tagging tag(String title, String text) {
            double[] s = scores(title, text);
            Map<Topic, Double> scores = new EnumMap<>(Topic.class);
            EnumSet<Topic> topics = EnumSet.noneOf(Topic.class);
            for (Topic t : Topic.all()) {
                scores.put(t, s[t.ordinal()]);
                if (s[t.ordinal()] >= 0.5) {
                    topics.add(t);
                }
            }
            return new Tagging(topics, scores);
        }
    }
}

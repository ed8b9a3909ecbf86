package io.rubrique.model;

import io.rubrique.config.UnlabelledConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.text.Featurizer;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Pseudo-labels for unlabelled items, per topic: which unlabelled items join that topic's training data as
 * positives or negatives ({@link UnlabelledConfig}). Computed inside every training set (each inner fold's too)
 * from that set's labelled items only.
 */
final class PseudoLabels {
    /** One pseudo-labelled item for one topic. */
    record Example(LabelledItem item, boolean positive) {
    }

    private PseudoLabels() {
    }

    /**
     * Self-training: rank the unlabelled items by a first model's raw score for each topic; the top
     * {@code per_topic} with a positive decision value become positives, the bottom {@code per_topic} negatives.
     */
    static List<List<Example>> selfTraining(TopicFitter.Fitted first, List<Snippet> unlabelled, TopicSet topics,
            UnlabelledConfig cfg) {
        double[][] raw = new double[unlabelled.size()][];
        List<SparseVector> vectors = first.space().vectorizeAll(texts(unlabelled));
        IntStream.range(0, raw.length).parallel().forEach(i -> {
            SparseVector v = vectors.get(i);
            double[] r = new double[topics.size()];
            for (int t = 0; t < r.length; t++) {
                r[t] = first.scorers()[t].raw(v);
            }
            raw[i] = r;
        });
        List<List<Example>> out = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            if (first.scorers()[t] instanceof ConstantScorer) {
                out.add(List.of());
                continue;
            }
            int tt = t;
            out.add(extremes(unlabelled, i -> raw[i][tt], 0.0, cfg.perTopic(), topics.ids().get(t)));
        }
        return out;
    }

    /**
     * Label propagation from labelled neighbours: an unlabelled item's value for a topic is the
     * similarity-weighted share of its {@code neighbours} most similar labelled items that carry the topic; the
     * highest values above one half become positives, items whose neighbours all lack the topic negatives.
     */
    static List<List<Example>> neighbours(List<LabelledItem> labelled, List<Snippet> unlabelled, TopicSet topics,
            Featurizer space, UnlabelledConfig cfg) {
        List<SparseVector> lv = space.vectorizeAll(labelled.stream().map(l -> new String[] {l.title(), l.text()})
                .toList());
        double[][] value = new double[unlabelled.size()][];
        int k = Math.min(cfg.neighbours(), labelled.size());
        List<SparseVector> uv = space.vectorizeAll(texts(unlabelled));
        IntStream.range(0, value.length).parallel().forEach(u -> {
            SparseVector x = uv.get(u);
            double[] sim = new double[lv.size()];
            for (int l = 0; l < sim.length; l++) {
                sim[l] = x.dot(lv.get(l));
            }
            Integer[] order = new Integer[sim.length];
            for (int l = 0; l < order.length; l++) {
                order[l] = l;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(sim[b], sim[a]));
            double[] v = new double[topics.size()];
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += Math.max(0, sim[order[j]]);
            }
            for (int t = 0; t < v.length; t++) {
                double yes = 0;
                for (int j = 0; j < k; j++) {
                    if (labelled.get(order[j]).has(topics.ids().get(t))) {
                        yes += Math.max(0, sim[order[j]]);
                    }
                }
                v[t] = total > 0 ? yes / total : Double.NaN;
            }
            value[u] = v;
        });
        List<List<Example>> out = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            int tt = t;
            out.add(extremes(unlabelled, i -> value[i][tt] - 0.5, 0.0, cfg.perTopic(), topics.ids().get(t)));
        }
        return out;
    }

    /**
     * The {@code n} items with the highest value above {@code cut} as positives and the {@code n} with the lowest
     * value below it as negatives (NaN values are never chosen).
     */
    private static List<Example> extremes(List<Snippet> items, java.util.function.IntToDoubleFunction value,
            double cut, int n, String topic) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!Double.isNaN(value.applyAsDouble(i))) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.comparingDouble(value::applyAsDouble).reversed().thenComparing(i -> i));
        List<Example> out = new ArrayList<>();
        for (int j = 0; j < Math.min(n, idx.size()) && value.applyAsDouble(idx.get(j)) > cut; j++) {
            out.add(new Example(item(items.get(idx.get(j)), topic, true), true));
        }
        for (int j = idx.size() - 1; j >= Math.max(0, idx.size() - n) && value.applyAsDouble(idx.get(j)) < cut; j--) {
            out.add(new Example(item(items.get(idx.get(j)), topic, false), false));
        }
        return out;
    }

    private static List<String[]> texts(List<Snippet> items) {
        return items.stream().map(s -> new String[] {s.title(), s.text()}).toList();
    }

    private static LabelledItem item(Snippet s, String topic, boolean positive) {
        return new LabelledItem(s.id() == null ? "unlabelled" : s.id(), ItemKind.TEASER, "unlabelled", s.title(),
                s.text(), positive ? Set.of(topic) : Set.of());
    }
}

package io.rubrique.active;

import io.rubrique.data.TopicDef;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first batches, when there is no model or some topic has too few labels: for each rare topic, the
 * candidates its seed words (from {@code labels/topics.json}) point to most (on n-grams), then a diverse rest by
 * farthest-first traversal of the selection's similarity vectors, so the first labels cover the pool instead of one
 * corner of it.
 */
final class ColdStartStrategy implements Strategy {
    static final String ID = "cold-start";

    /** Below this cosine with a topic's seed words, an item is not a seed-word match. */
    static final double MIN_SEED_SIMILARITY = 0.02;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean needsModel() {
        return false;
    }

    @Override
    public List<Pick> select(Selection s, int n) {
        List<Integer> taken = new ArrayList<>();
        List<Pick> picks = new ArrayList<>(seedWordPicks(s, Math.max(1, n / 2), taken));
        for (int i : Diversity.farthestFirst(s, n - picks.size(), taken)) {
            picks.add(new Pick(0, s.candidates().get(i), 0, new Reason("diverse", null, null, null,
                    "unlike the items chosen before it (cold start: covering the pool)")));
        }
        return UncertaintyStrategy.ranked(picks);
    }

    /**
     * Up to {@code n} picks that the seed words of the rare topics point to, the rare topics taking turns,
     * diversified; the indices taken are added to {@code taken}.
     */
    static List<Pick> seedWordPicks(Selection s, int n, List<Integer> taken) {
        List<String> rare = s.rareTopics();
        List<Pick> picks = new ArrayList<>();
        if (rare.isEmpty() || n <= 0) {
            return picks;
        }
        List<double[]> sims = new ArrayList<>();
        for (String t : rare) {
            sims.add(seedSimilarity(s, s.topics().get(t)));
        }
        boolean progress = true;
        while (picks.size() < n && progress) {
            progress = false;
            for (int r = 0; r < rare.size() && picks.size() < n; r++) {
                double[] values = sims.get(r).clone();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] < MIN_SEED_SIMILARITY) {
                        values[i] = Double.NaN;
                    }
                }
                List<Integer> one = Diversity.mmr(s, values, 1, taken);
                if (one.isEmpty()) {
                    continue;
                }
                int i = one.get(0);
                taken.add(i);
                progress = true;
                picks.add(new Pick(0, s.candidates().get(i), sims.get(r)[i], new Reason("seed-words", rare.get(r),
                        null, null, String.format(Locale.ROOT, "%s has %d labelled item(s); its seed words point "
                                + "here (similarity %.2f)", rare.get(r), s.positives().get(rare.get(r)),
                                sims.get(r)[i]))));
            }
        }
        return picks;
    }

    /** Cosine of each candidate with a pseudo-document of the topic's name and seed words. */
    static double[] seedSimilarity(Selection s, TopicDef topic) {
        String words = topic.name() + ". " + String.join(". ", topic.seedWords());
        SparseVector q = s.space().vectorize(words, "");
        s.vectorizeAll();
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Diversity.cosine(q, s.lexicalVector(i));
        }
        return out;
    }
}

package io.rubrique.active;

import io.rubrique.model.Tagging;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Uncertainty sampling for a multi-label model with per-topic thresholds: an item's uncertainty for a topic is
 * how close its calibrated score is to that topic's threshold ({@code 1 − |p − t| / max(t, 1 − t)}: 1 at the
 * threshold, 0 at the far end), and an item's value is its largest uncertainty over topics. The
 * {@code rare-uncertainty} variant weighs each topic by how few labelled positives it has
 * ({@code 1/sqrt(positives + 1)}, scaled so the rarest weighs 1): a label for a rare topic teaches more, and the
 * common topics would otherwise take the whole batch. While some topic has fewer than
 * {@link Selection#MIN_POSITIVES} positives, a third of the batch (either variant) goes to seed-word queries for
 * those topics ({@link ColdStartStrategy}). Batches are diversified by {@link Diversity#mmr}. Without a model it falls back to
 * the cold start.
 */
final class UncertaintyStrategy implements Strategy {
    private final boolean rareWeighted;

    UncertaintyStrategy(boolean rareWeighted) {
        this.rareWeighted = rareWeighted;
    }

    @Override
    public String id() {
        return rareWeighted ? "rare-uncertainty" : "uncertainty";
    }

    @Override
    public boolean needsModel() {
        return true;
    }

    @Override
    public List<Pick> select(Selection s, int n) {
        if (s.model().isEmpty()) {
            return new ColdStartStrategy().select(s, n);
        }
        List<String> ids = s.topics().ids();
        int[] topicOf = new int[s.size()];
        double[] values = values(s, weights(s), topicOf);
        List<Pick> picks = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        if (!s.rareTopics().isEmpty()) {
            for (Pick p : ColdStartStrategy.seedWordPicks(s, Math.max(1, n / 3), taken)) {
                picks.add(p);
            }
        }
        for (int i : Diversity.mmr(s, values, n - picks.size(), taken)) {
            String topic = ids.get(topicOf[i]);
            double p = s.tagging(i).score(topic);
            double th = s.model().get().thresholds().get(topic);
            picks.add(new Pick(0, s.candidates().get(i), values[i], new Reason("uncertain", topic, p, th,
                    String.format(Locale.ROOT, "%s scores %.2f against a threshold of %.2f: the model is unsure",
                            topic, p, th))));
        }
        return ranked(picks);
    }

    /**
     * Each candidate's largest weighted uncertainty over topics; {@code topicOf} receives the topic index that
     * gave it. Tags the whole pool with the model.
     */
    static double[] values(Selection s, double[] weight, int[] topicOf) {
        List<String> ids = s.topics().ids();
        double[] thresholds = ids.stream().mapToDouble(t -> s.model().get().thresholds().get(t)).toArray();
        double[] values = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            Tagging t = s.tagging(i);
            double best = -1;
            for (int k = 0; k < ids.size(); k++) {
                double u = weight[k] * uncertainty(t.score(ids.get(k)), thresholds[k]);
                if (u > best) {
                    best = u;
                    topicOf[i] = k;
                }
            }
            values[i] = best;
        }
        return values;
    }

    /** 1 at the threshold, falling linearly to 0 at 0 or 1 (whichever is farther). */
    static double uncertainty(double p, double threshold) {
        return 1 - Math.abs(p - threshold) / Math.max(threshold, 1 - threshold);
    }

    private double[] weights(Selection s) {
        List<Integer> pos = s.positives().values();
        double[] w = new double[pos.size()];
        double max = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = rareWeighted ? 1 / Math.sqrt(pos.get(k) + 1.0) : 1;
            max = Math.max(max, w[k]);
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= max;
        }
        return w;
    }

    /** The picks numbered 1..n in order. */
    static List<Pick> ranked(List<Pick> picks) {
        List<Pick> out = new ArrayList<>(picks.size());
        for (int r = 0; r < picks.size(); r++) {
            Pick p = picks.get(r);
            out.add(new Pick(r + 1, p.item(), p.value(), p.reason()));
        }
        return out;
    }
}

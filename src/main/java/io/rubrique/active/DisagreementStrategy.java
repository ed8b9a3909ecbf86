package io.rubrique.active;

import io.rubrique.model.Tagging;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Query by committee: the fold models of the inner cross-validation (same config, each trained without one
 * fold) vote on each topic, and an item's value is the largest vote split over topics
 * ({@code 1 − |2·yes/K − 1|}: 1 when the committee is evenly split, 0 when unanimous), ties broken by the spread
 * of their scores. Diversified by {@link Diversity#mmr}. Falls back to uncertainty without a committee.
 *
 * <p>A pool larger than {@link #shortlistSize} is first narrowed to the candidates the current model is least
 * sure of (uncertainty sampling's value), and only those go to the committee: five fold models tagging a 10k
 * pool cost five times the model's own pass, while the items the fold models split on sit near the model's
 * thresholds. Pools up to that size (every simulation in experiments/ACTIVE.md) are ranked whole.
 */
final class DisagreementStrategy implements Strategy {
    /** Candidates kept for the committee on a large pool: at least this many... */
    static final int SHORTLIST_MIN = 500;
    /** ...or this many per pick wanted, whichever is larger. */
    static final int SHORTLIST_PER_PICK = 25;

    @Override
    public String id() {
        return "disagreement";
    }

    @Override
    public boolean needsModel() {
        return true;
    }

    @Override
    public boolean needsCommittee() {
        return true;
    }

    @Override
    public List<Pick> select(Selection s, int n) {
        return select(s, n, shortlistSize(n));
    }

    /** As {@link #select(Selection, int)}, the committee seeing at most {@code shortlist} candidates. */
    List<Pick> select(Selection s, int n, int shortlist) {
        if (s.committee().isEmpty()) {
            return new UncertaintyStrategy(false).select(s, n);
        }
        List<String> ids = s.topics().ids();
        int k = s.committee().size();
        double[] values = new double[s.size()];
        Arrays.fill(values, Double.NaN);
        int[] topicOf = new int[s.size()];
        int[] yesOf = new int[s.size()];
        int[] candidates = shortlist(s, shortlist);
        s.tagByCommittee(candidates);
        for (int i : candidates) {
            List<Tagging> votes = s.committeeTaggings(i);
            double best = -1;
            for (int t = 0; t < ids.size(); t++) {
                int yes = 0;
                double sum = 0;
                double sq = 0;
                for (Tagging v : votes) {
                    yes += v.has(ids.get(t)) ? 1 : 0;
                    double p = v.score(ids.get(t));
                    sum += p;
                    sq += p * p;
                }
                double spread = Math.sqrt(Math.max(0, sq / k - (sum / k) * (sum / k)));
                double value = (1 - Math.abs(2.0 * yes / k - 1)) * 0.9 + 0.1 * Math.min(1, 2 * spread);
                if (value > best) {
                    best = value;
                    topicOf[i] = t;
                    yesOf[i] = yes;
                }
            }
            values[i] = best;
        }
        List<Pick> picks = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        if (!s.rareTopics().isEmpty()) {
            picks.addAll(ColdStartStrategy.seedWordPicks(s, Math.max(1, n / 3), taken));
        }
        for (int i : Diversity.mmr(s, values, n - picks.size(), taken)) {
            String topic = ids.get(topicOf[i]);
            Double p = s.model().map(m -> s.tagging(i).score(topic)).orElse(null);
            Double th = s.model().map(m -> m.thresholds().get(topic)).orElse(null);
            picks.add(new Pick(0, s.candidates().get(i), values[i], new Reason("disagreement", topic, p, th,
                    why(topic, p, th, yesOf[i], k))));
        }
        return UncertaintyStrategy.ranked(picks);
    }

    /**
     * "security scores 0.48 against a threshold of 0.50; 2 of 5 fold models tag it": first the topic the committee
     * split on with the model's own score and threshold (what the labeller sees on the page), then the vote.
     */
    static String why(String topic, Double score, Double threshold, int yes, int k) {
        String vote = String.format(Locale.ROOT, "%d of %d fold models tag it", yes, k);
        if (score == null || threshold == null) {
            return vote + " " + topic;
        }
        return String.format(Locale.ROOT, "%s scores %.2f against a threshold of %.2f; %s", topic, score, threshold,
                vote);
    }

    static int shortlistSize(int n) {
        return Math.max(SHORTLIST_MIN, SHORTLIST_PER_PICK * n);
    }

    /** All candidates, or on a larger pool the {@code size} the model is least sure of (ties: pool order). */
    static int[] shortlist(Selection s, int size) {
        if (s.size() <= size || s.model().isEmpty()) {
            return IntStream.range(0, s.size()).toArray();
        }
        double[] weight = new double[s.topics().ids().size()];
        Arrays.fill(weight, 1);
        double[] u = UncertaintyStrategy.values(s, weight, new int[s.size()]);
        return IntStream.range(0, s.size()).boxed()
                .sorted((a, b) -> u[a] != u[b] ? Double.compare(u[b], u[a]) : Integer.compare(a, b))
                .limit(size).mapToInt(Integer::intValue).sorted().toArray();
    }
}

package io.rubrique.quant;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Estimates one topic's share of a batch with an {@link Estimator}, with a 95% percentile interval from a
 * bootstrap that resamples both the batch's items and the held-out items the error rates and score
 * distributions come from (so an interval reflects how few items training measured the model on, not only how
 * few the batch has). Seeded: the same input gives the same answer. Immutable, thread-safe.
 */
public final class Quantifier {
    /** Bootstrap replicates per topic and group. */
    public static final int REPLICATES = 500;
    private static final double ROUND = 1e4;

    private final Estimator estimator;
    private final int replicates;
    private final long seed;

    public Quantifier(Estimator estimator, int replicates, long seed) {
        if (replicates < 20) {
            throw new IllegalArgumentException("at least 20 bootstrap replicates are needed, was " + replicates);
        }
        this.estimator = estimator;
        this.replicates = replicates;
        this.seed = seed;
    }

    public Quantifier(Estimator estimator) {
        this(estimator, REPLICATES, 42L);
    }

    public Estimator estimator() {
        return estimator;
    }

    /**
     * The share of the items whose calibrated scores and tags for the topic are given.
     *
     * @throws IllegalArgumentException when the estimator needs held-out scores the reference lacks
     */
    public TopicShare quantify(double[] scores, boolean[] tagged, TopicReference reference) {
        if (estimator.needs().contains(Need.HELD_OUT) && reference.heldOut() == null) {
            throw new IllegalArgumentException("method " + estimator.id() + " needs " + Need.HELD_OUT.description()
                    + "; this model has none");
        }
        long taggedCount = 0;
        for (boolean t : tagged) {
            taggedCount += t ? 1 : 0;
        }
        if (scores.length == 0) {
            return new TopicShare(0, List.of(0.0, 1.0), 0, 0);
        }
        Scores batch = Scores.of(scores, tagged);
        Scores pos = reference.heldOut() == null ? batch : reference.positives();
        Scores neg = reference.heldOut() == null ? batch : reference.negatives();
        int repeats = reference.heldOut() == null ? 1 : Math.max(1, reference.heldOut().repeats());
        Problem problem = new Problem(batch, pos, neg, repeats);
        double share = estimator.estimate(problem);
        Random random = new Random(seed);
        double[] boot = new double[replicates];
        int kept = 0;
        for (int b = 0; b < replicates; b++) {
            Problem r = problem.resample(random);
            if (r.batch().total() == 0 || r.positives().total() == 0 || r.negatives().total() == 0) {
                continue;
            }
            double v = estimator.estimate(r);
            if (!Double.isNaN(v)) {
                boot[kept++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(boot, kept);
        Arrays.sort(sorted);
        double lo = kept == 0 ? 0 : quantile(sorted, 0.025);
        double hi = kept == 0 ? 1 : quantile(sorted, 0.975);
        return new TopicShare(round(share), List.of(round(Problem.clip(lo)), round(Problem.clip(hi))),
                Math.round(share * scores.length), taggedCount);
    }

    /** The type-7 (linear interpolation) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double round(double v) {
        return Math.round(v * ROUND) / ROUND;
    }
}

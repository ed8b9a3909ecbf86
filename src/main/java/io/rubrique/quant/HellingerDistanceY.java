package io.rubrique.quant;

import java.util.Set;

/**
 * HDy (González-Castro, Alaiz-Rodríguez and Alegre 2013): the mix of the held-out score histograms of items with
 * and without the topic that is closest, in Hellinger distance, to the batch's histogram; the median over several
 * bin counts. The squared distance is convex in the mix, so a ternary search finds it.
 */
public final class HellingerDistanceY implements Estimator {
    private static final int[] BINS = {5, 10, 15, 20};
    private static final int STEPS = 60;

    @Override
    public String id() {
        return "hdy";
    }

    @Override
    public String description() {
        return "HDy: the mix of held-out score histograms closest to the batch's (Hellinger distance)";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.SCORES, Need.HELD_OUT);
    }

    @Override
    public double estimate(Problem p) {
        double[] estimates = new double[BINS.length];
        for (int k = 0; k < BINS.length; k++) {
            double[] batch = histogram(p.batch(), BINS[k]);
            double[] pos = histogram(p.positives(), BINS[k]);
            double[] neg = histogram(p.negatives(), BINS[k]);
            double lo = 0;
            double hi = 1;
            for (int s = 0; s < STEPS; s++) {
                double a = lo + (hi - lo) / 3;
                double b = hi - (hi - lo) / 3;
                if (distance(batch, pos, neg, a) <= distance(batch, pos, neg, b)) {
                    hi = b;
                } else {
                    lo = a;
                }
            }
            estimates[k] = (lo + hi) / 2;
        }
        java.util.Arrays.sort(estimates);
        int m = estimates.length / 2;
        return Problem.clip(estimates.length % 2 == 1 ? estimates[m] : (estimates[m - 1] + estimates[m]) / 2);
    }

    /** Squared Hellinger distance (up to a constant) of the batch to the mix {@code a·pos + (1-a)·neg}. */
    private static double distance(double[] batch, double[] pos, double[] neg, double a) {
        double affinity = 0;
        for (int i = 0; i < batch.length; i++) {
            affinity += Math.sqrt(batch[i] * (a * pos[i] + (1 - a) * neg[i]));
        }
        return 1 - affinity;
    }

    private static double[] histogram(Scores s, int bins) {
        double[] h = new double[bins];
        for (int c = 0; c < s.cells(); c++) {
            h[Math.min(bins - 1, (int) (s.score(c) * bins))] += s.weight(c);
        }
        for (int i = 0; i < bins; i++) {
            h[i] /= s.total();
        }
        return h;
    }
}

package io.rubrique.quant;

import java.util.Arrays;
import java.util.Set;

/**
 * MS, median sweep (Forman 2008): the adjusted count at every threshold of a grid whose held-out
 * {@code tpr - fpr} is at least 0.25, and the median of them. Less hostage than ACC to the rates at the one
 * threshold tuned for F1, which few held-out positives make noisy.
 */
public final class MedianSweep implements Estimator {
    private static final int GRID = 40;
    private static final double MIN_GAP = 0.25;

    @Override
    public String id() {
        return "ms";
    }

    @Override
    public String description() {
        return "median sweep: the median adjusted count over thresholds where held-out tpr - fpr >= 0.25";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.SCORES, Need.HELD_OUT);
    }

    @Override
    public double estimate(Problem p) {
        double[] found = new double[GRID];
        int k = 0;
        for (int g = 1; g < GRID; g++) {
            double th = (double) g / GRID;
            double tpr = above(p.positives(), th);
            double fpr = above(p.negatives(), th);
            if (tpr - fpr >= MIN_GAP) {
                found[k++] = Problem.clip((above(p.batch(), th) - fpr) / (tpr - fpr));
            }
        }
        if (k == 0) {
            return new AdjustedClassifyAndCount().estimate(p);
        }
        double[] v = Arrays.copyOf(found, k);
        Arrays.sort(v);
        return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }

    /** The share of the cells' items scoring at least {@code th}. */
    private static double above(Scores s, double th) {
        double w = 0;
        for (int c = 0; c < s.cells(); c++) {
            w += s.score(c) >= th ? s.weight(c) : 0;
        }
        return w / s.total();
    }
}

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
    /** The thresholds swept, ascending: 1/40 to 39/40. */
    private static final double[] THRESHOLDS = grid();

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
        double[] batch = p.batch().sharesAtLeast(THRESHOLDS);
        double[] tpr = p.positives().sharesAtLeast(THRESHOLDS);
        double[] fpr = p.negatives().sharesAtLeast(THRESHOLDS);
        int k = 0;
        for (int g = 0; g < THRESHOLDS.length; g++) {
            if (tpr[g] - fpr[g] >= MIN_GAP) {
                found[k++] = Problem.clip((batch[g] - fpr[g]) / (tpr[g] - fpr[g]));
            }
        }
        if (k == 0) {
            return new AdjustedClassifyAndCount().estimate(p);
        }
        double[] v = Arrays.copyOf(found, k);
        Arrays.sort(v);
        return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }

    private static double[] grid() {
        double[] t = new double[GRID - 1];
        for (int g = 1; g < GRID; g++) {
            t[g - 1] = (double) g / GRID;
        }
        return t;
    }
}

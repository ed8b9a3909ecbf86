package io.rubrique.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a topic's decision threshold from out-of-fold scores: the cut that maximises F1. When several cuts tie,
 * the median one is taken (a tie of cuts is a plateau; its middle is the least fitted to these particular items),
 * and the result is clamped to [min, max].
 */
final class ThresholdTuner {
    private ThresholdTuner() {
    }

    static double bestF1Threshold(double[] scores, boolean[] gold, double min, double max) {
        int n = scores.length;
        int positives = 0;
        for (boolean g : gold) {
            positives += g ? 1 : 0;
        }
        if (positives == 0) {
            return max;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        // Cut after rank j (1..n): the top j items are predicted positive. Only cuts between distinct scores count.
        double bestF1 = -1;
        List<Double> bestCuts = new ArrayList<>();
        int tp = 0;
        for (int j = 1; j <= n; j++) {
            if (gold[order[j - 1]]) {
                tp++;
            }
            double here = scores[order[j - 1]];
            double next = j < n ? scores[order[j]] : Math.max(0, here - 1e-6);
            if (j < n && next == here) {
                continue;
            }
            double f1 = 2.0 * tp / (j + positives);
            double cut = (here + next) / 2;
            if (f1 > bestF1 + 1e-12) {
                bestF1 = f1;
                bestCuts.clear();
                bestCuts.add(cut);
            } else if (Math.abs(f1 - bestF1) <= 1e-12) {
                bestCuts.add(cut);
            }
        }
        double chosen = bestCuts.get(bestCuts.size() / 2);
        return Math.min(max, Math.max(min, chosen));
    }
}

package io.rubrique.quant;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;

/**
 * Items' calibrated scores for one topic as weighted cells: a score, whether the model tagged it, and how many
 * items share both. Scores are rounded to 1e-3 before merging, so a batch of any size is at most ~2,000 cells and
 * a bootstrap replicate costs the same for 200 items or 100k (the rounding moves a share by less than 5e-4).
 * Cells are in ascending order of score.
 */
public final class Scores {
    private static final double GRID = 1e3;
    private final double[] score;
    private final boolean[] tagged;
    private final double[] weight;
    private final double total;

    private Scores(double[] score, boolean[] tagged, double[] weight) {
        this.score = score;
        this.tagged = tagged;
        this.weight = weight;
        this.total = Arrays.stream(weight).sum();
    }

    /** The cells of items' scores and tags ({@code tagged[i]}: the model assigned the topic to item i). */
    public static Scores of(double[] scores, boolean[] tagged) {
        TreeMap<Long, double[]> cells = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            long key = Math.round(Math.min(1, Math.max(0, scores[i])) * GRID) * 2 + (tagged[i] ? 1 : 0);
            cells.computeIfAbsent(key, k -> new double[1])[0]++;
        }
        double[] s = new double[cells.size()];
        boolean[] t = new boolean[cells.size()];
        double[] w = new double[cells.size()];
        int k = 0;
        for (var e : cells.entrySet()) {
            s[k] = (e.getKey() / 2) / GRID;
            t[k] = e.getKey() % 2 == 1;
            w[k] = e.getValue()[0];
            k++;
        }
        return new Scores(s, t, w);
    }

    /** Scores tagged by a threshold (the model's rule: tagged when the score reaches it). */
    public static Scores thresholded(double[] scores, double threshold) {
        boolean[] t = new boolean[scores.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = scores[i] >= threshold;
        }
        return of(scores, t);
    }

    /** How many items (the sum of the weights). */
    public double total() {
        return total;
    }

    /** The share of the items the model tagged; NaN when empty. */
    public double taggedShare() {
        double s = 0;
        for (int i = 0; i < score.length; i++) {
            s += tagged[i] ? weight[i] : 0;
        }
        return s / total;
    }

    /** The mean calibrated score; NaN when empty. */
    public double meanScore() {
        double s = 0;
        for (int i = 0; i < score.length; i++) {
            s += score[i] * weight[i];
        }
        return s / total;
    }

    /**
     * For each threshold of an ascending list, the share of items scoring at least it: one pass over the cells,
     * which are kept in ascending order of score.
     */
    double[] sharesAtLeast(double[] ascending) {
        double[] out = new double[ascending.length];
        double sum = 0;
        int c = score.length - 1;
        for (int k = ascending.length - 1; k >= 0; k--) {
            while (c >= 0 && score[c] >= ascending[k]) {
                sum += weight[c--];
            }
            out[k] = sum / total;
        }
        return out;
    }

    /** Number of cells. */
    int cells() {
        return score.length;
    }

    double score(int cell) {
        return score[cell];
    }

    double weight(int cell) {
        return weight[cell];
    }

    /**
     * A Poisson bootstrap replicate (each item drawn Poisson(1) times, summed per cell): the resampling of items
     * that runs in cells. {@code copies} is how many times each item is in the cells (an inner cross-validation
     * repeated r times holds every item r times): those copies are resampled together.
     */
    Scores resample(Random random, int copies) {
        double[] w = new double[weight.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = copies * poisson(random, weight[i] / copies);
        }
        return new Scores(score, tagged, w);
    }

    /** A Poisson draw: Knuth's product method below 30, the rounded normal approximation above. */
    static long poisson(Random random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            long k = 0;
            double p = random.nextDouble();
            while (p > limit) {
                k++;
                p *= random.nextDouble();
            }
            return k;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
}

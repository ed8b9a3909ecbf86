package io.rubrique.eval;

import io.rubrique.util.ValueRecords;
import io.rubrique.data.TopicSet;

/**
 * Out-of-fold predictions pooled over the folds of one repeat, indexed {@code [item][topic]} in data order and in
 * the order of {@code topics}: every item scored once, by the model that did not see it, against that model's
 * thresholds. Scores are calibrated probabilities.
 *
 * @param fold the fold each item was tested in (-1 for a held-out test set)
 */
public record Predictions(int repeat, TopicSet topics, boolean[][] gold, double[][] scores, double[][] thresholds,
        int[] fold) {
    @Override // arrays by content
    public boolean equals(Object o) { return ValueRecords.equal(this, o); }

    @Override
    public int hashCode() { return ValueRecords.hash(this); }


    /** The decisions: a topic is predicted when its score is at least its threshold. */
    public boolean[][] predicted() {
        boolean[][] p = new boolean[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            p[i] = new boolean[scores[i].length];
            for (int t = 0; t < scores[i].length; t++) {
                p[i][t] = scores[i][t] >= thresholds[i][t];
            }
        }
        return p;
    }

    /** The rows of the given items only (one fold's test items, or a bootstrap resample with repeats). */
    public Predictions subset(int[] rows) {
        boolean[][] g = new boolean[rows.length][];
        double[][] s = new double[rows.length][];
        double[][] th = new double[rows.length][];
        int[] f = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            g[k] = gold[rows[k]];
            s[k] = scores[rows[k]];
            th[k] = thresholds[rows[k]];
            f[k] = fold[rows[k]];
        }
        return new Predictions(repeat, topics, g, s, th, f);
    }

    public int items() {
        return scores.length;
    }
}

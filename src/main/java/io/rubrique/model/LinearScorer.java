package io.rubrique.model;

import io.rubrique.util.ValueRecords;
import io.rubrique.text.SparseVector;

/**
 * A linear topic model exported from a fitted Weka learner: {@code raw = Σ w[i]·x[i] + bias} over the snippet's
 * own non-zero features. Exact (a test pins equality with Weka's own output), thread-safe (read-only arrays),
 * cheap to store and load, and explainable term by term.
 */
record LinearScorer(double[] weights, double bias) implements TopicScorer {
    @Override // arrays by content
    public boolean equals(Object o) { return ValueRecords.equal(this, o); }

    @Override
    public int hashCode() { return ValueRecords.hash(this); }

    private static final long serialVersionUID = 1L;

    @Override
    public double raw(SparseVector v) {
        int[] idx = v.indices();
        double[] val = v.values();
        double out = bias;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < weights.length) {
                out += val[i] * weights[idx[i]];
            }
        }
        return out;
    }

    /** The weight of feature {@code i} (0 for features the model never saw). */
    double weight(int i) {
        return i < weights.length ? weights[i] : 0;
    }

    @Override
    public String kind() {
        return "linear";
    }
}

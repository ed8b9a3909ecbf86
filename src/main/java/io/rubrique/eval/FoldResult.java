package io.rubrique.eval;

import io.rubrique.util.ValueRecords;

/**
 * What one cross-validation fold produced: the calibrated scores of its held-out items (rows in
 * {@code testIndices} order, columns in topic order) and the thresholds the fold's model chose.
 *
 * @param fraction share of the training fold used (1 for the main protocol, less for learning-curve points)
 */
public record FoldResult(int repeat, int fold, double fraction, int[] testIndices, double[][] scores,
        double[] thresholds, int trainSize, long trainMillis) {
    @Override // arrays by content
    public boolean equals(Object o) { return ValueRecords.equal(this, o); }

    @Override
    public int hashCode() { return ValueRecords.hash(this); }
}

package io.rubrique.text;

/** A feature vector as parallel arrays of strictly increasing indices and their values. */
public record SparseVector(int[] indices, double[] values) {
    public int nnz() {
        return indices.length;
    }
}

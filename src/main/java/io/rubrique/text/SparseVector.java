package io.rubrique.text;

/** A feature vector as parallel arrays of strictly increasing indices and their values. */
public record SparseVector(int[] indices, double[] values) {
    public int nnz() {
        return indices.length;
    }

    /**
     * The dot product with {@code other}, by one merge of the two index lists; for L2-normalised vectors (what
     * {@link FeatureSpace#vectorize} returns) it is their cosine similarity.
     */
    public double dot(SparseVector other) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < indices.length && j < other.indices.length) {
            int x = indices[i];
            int y = other.indices[j];
            if (x == y) {
                d += values[i++] * other.values[j++];
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return d;
    }
}

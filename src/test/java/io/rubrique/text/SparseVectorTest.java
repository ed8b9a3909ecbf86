package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparseVectorTest {
    @Test
    void theDotProductSumsTheProductsOfSharedIndicesOnly() {
        SparseVector a = new SparseVector(new int[] {1, 4, 7, 9}, new double[] {1.0, 2.0, 3.0, 4.0});
        SparseVector b = new SparseVector(new int[] {0, 4, 9, 12}, new double[] {5.0, 0.5, -1.0, 8.0});
        assertEquals(2.0 * 0.5 + 4.0 * -1.0, a.dot(b), 0.0);
        assertEquals(a.dot(b), b.dot(a), 0.0);
    }

    @Test
    void disjointOrEmptyVectorsHaveADotProductOfZero() {
        SparseVector a = new SparseVector(new int[] {1, 3}, new double[] {1.0, 1.0});
        SparseVector b = new SparseVector(new int[] {2, 4}, new double[] {1.0, 1.0});
        SparseVector empty = new SparseVector(new int[0], new double[0]);
        assertEquals(0.0, a.dot(b), 0.0);
        assertEquals(0.0, a.dot(empty), 0.0);
        assertEquals(0.0, empty.dot(empty), 0.0);
    }
}

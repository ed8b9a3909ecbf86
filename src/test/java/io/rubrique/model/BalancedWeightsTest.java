package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Class weights that give both classes half of the total weight. */
class BalancedWeightsTest {
    @Test
    void eachClassWeighsHalfOfTheData() {
        double[] w = BalancedWeights.classWeights(10, 40);
        assertArrayEquals(new double[] {40 / 60.0, 2.0}, w, 1e-12);
        assertEquals(20.0, 30 * w[0], 1e-12);
        assertEquals(20.0, 10 * w[1], 1e-12);
    }

    @Test
    void balancedDataWeighsOne() {
        assertArrayEquals(new double[] {1, 1}, BalancedWeights.classWeights(7, 14), 1e-12);
    }

    @Test
    void anEmptyClassWeighsOne() {
        assertEquals(1.0, BalancedWeights.classWeights(0, 10)[1]);
        assertEquals(1.0, BalancedWeights.classWeights(10, 10)[0]);
    }
}

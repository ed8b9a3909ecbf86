package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void ciIsTheStudentTIntervalOverValues() {
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4, 5});
        // s = sqrt(2.5), t(0.975, 4) = 2.7764451; half = 2.7764451 * sqrt(2.5 / 5)
        double half = 2.7764451051977987 * Math.sqrt(0.5);
        assertEquals(3.0, e.mean(), 1e-12);
        assertEquals(3 - half, e.ci95().get(0), 1e-9);
        assertEquals(3 + half, e.ci95().get(1), 1e-9);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), e.values());
    }

    @Test
    void singleValueHasADegenerateInterval() {
        Estimate e = Estimate.of(new double[] {0.7});
        assertEquals(List.of(0.7, 0.7), e.ci95());
    }

    @Test
    void undefinedValuesAreNullAndLeftOut() {
        Estimate e = Estimate.of(new double[] {Double.NaN, 0.4, 0.6});
        assertEquals(0.5, e.mean(), 1e-12);
        assertEquals(Arrays.asList(null, 0.4, 0.6), e.values());
        Estimate none = Estimate.of(new double[] {Double.NaN});
        assertNull(none.mean());
        assertNull(none.ci95());
    }
}

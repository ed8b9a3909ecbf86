package io.rubrique.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A metric over repeats: the mean, a 95% Student-t interval for it, and the per-repeat values it came from.
 * Undefined values (e.g. ROC-AUC of a topic without positives) are {@code null} and are left out of mean and
 * interval; with a single defined value the interval is that value on both sides (no spread can be estimated),
 * with none, mean and interval are {@code null}.
 */
public record Estimate(Double mean, List<Double> ci95, List<Double> values) {
    public Estimate {
        ci95 = ci95 == null ? null : List.copyOf(ci95);
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The estimate of {@code values}; NaN entries are recorded as {@code null} (undefined). */
    public static Estimate of(double[] values) {
        List<Double> recorded = new ArrayList<>(values.length);
        for (double v : values) {
            recorded.add(Double.isNaN(v) ? null : v);
        }
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (defined.length == 0) {
            return new Estimate(null, null, recorded);
        }
        double mean = Arrays.stream(defined).average().orElseThrow();
        if (defined.length == 1) {
            return new Estimate(mean, List.of(mean, mean), recorded);
        }
        double var = 0;
        for (double v : defined) {
            var += (v - mean) * (v - mean);
        }
        var /= defined.length - 1;
        double t = new TDistribution(defined.length - 1).inverseCumulativeProbability(0.975);
        double half = t * Math.sqrt(var / defined.length);
        return new Estimate(mean, List.of(mean - half, mean + half), recorded);
    }

    /** The mean, or NaN when undefined (for charts and tables). */
    public double meanOrNaN() {
        return mean == null ? Double.NaN : mean;
    }

    /** Half the interval width, or 0 when undefined (for error bars). */
    public double halfWidth() {
        return ci95 == null ? 0.0 : (ci95.get(1) - ci95.get(0)) / 2;
    }
}

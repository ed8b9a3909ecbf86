package io.rubrique.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A metric of a run: its value (the mean over repeats of each repeat's pooled out-of-fold predictions), a 95%
 * interval for new items ({@link Bootstrap#interval95}: percentile bootstrap over items moved by the resampling
 * bias, never outside the metric's range and always holding the mean), the per-repeat values, and their standard deviation ({@code repeatSd}: how much the fold shuffles move
 * the figure; not an interval). Undefined values (e.g. ROC-AUC of a topic without positives) are {@code null}.
 */
public record Estimate(Double mean, List<Double> ci95, List<Double> values, Double repeatSd) {
    public Estimate {
        ci95 = ci95 == null ? null : List.copyOf(ci95);
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The estimate of a metric in [0, 1] from per-repeat and per-resample values (NaN entries are undefined). */
    public static Estimate of(double[] perRepeat, double[] perResample) {
        return of(perRepeat, perResample, 0, 1);
    }

    /** The estimate of a figure in {@code [min, max]} from per-repeat and per-resample values. */
    static Estimate of(double[] perRepeat, double[] perResample, double min, double max) {
        List<Double> recorded = new ArrayList<>(perRepeat.length);
        for (double v : perRepeat) {
            recorded.add(Double.isNaN(v) ? null : v);
        }
        double[] defined = Arrays.stream(perRepeat).filter(v -> !Double.isNaN(v)).toArray();
        if (defined.length == 0) {
            return new Estimate(null, null, recorded, null);
        }
        double mean = Arrays.stream(defined).average().orElseThrow();
        Double sd = null;
        if (defined.length > 1) {
            double var = 0;
            for (double v : defined) {
                var += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(var / (defined.length - 1));
        }
        List<Double> ci = Bootstrap.interval95(perResample, mean, min, max);
        return new Estimate(mean, ci, recorded, sd);
    }

    /** A single metric in [0, 1] with its bootstrap interval (a test set). */
    public static Estimate single(double value, double[] perResample) {
        return of(new double[] {value}, perResample);
    }

    /** A difference of two metrics in [0, 1] (a gain), with its paired bootstrap interval, inside [-1, 1]. */
    public static Estimate difference(double value, double[] perResample) {
        return of(new double[] {value}, perResample, -1, 1);
    }

    /** The mean, or NaN when undefined (for charts and tables). */
    public double meanOrNaN() {
        return mean == null ? Double.NaN : mean;
    }

    /** Distance from the mean to the lower and upper bound, for asymmetric error bars (0 when undefined). */
    public double below() {
        return ci95 == null || mean == null ? 0.0 : Math.max(0, mean - ci95.get(0));
    }

    public double above() {
        return ci95 == null || mean == null ? 0.0 : Math.max(0, ci95.get(1) - mean);
    }

    /** Half the interval width, or 0 when undefined. */
    public double halfWidth() {
        return ci95 == null ? 0.0 : (ci95.get(1) - ci95.get(0)) / 2;
    }
}

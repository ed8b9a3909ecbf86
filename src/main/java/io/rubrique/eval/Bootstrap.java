package io.rubrique.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The bootstrap over items behind every interval of a report: {@link #RESAMPLES} resamples (with replacement) of
 * the labelled items, drawn once from a seed and shared by every metric, so that differences between metrics or
 * learning-curve points are paired. Each resample is scored on every repeat's out-of-fold predictions and the
 * repeats averaged: the spread over resamples is how much the figure would move with other items drawn like
 * these, which is what a user needs to know about new items (the spread over repeats only says how much the fold
 * shuffles move it).
 */
public final class Bootstrap {
    public static final int RESAMPLES = 1000;
    public static final String METHOD = "bias-corrected percentile bootstrap over items";
    /** One sentence for reports: what the interval means. */
    public static final String MEANING = "Each interval is a 95% bias-corrected percentile bootstrap interval "
            + "over items (" + RESAMPLES + " resamples of the labelled items, scored on their out-of-fold "
            + "predictions): it estimates where the figure would fall on new items drawn like these, and it always "
            + "lies inside the metric's range.";
    private static final org.apache.commons.math3.distribution.NormalDistribution NORMAL =
            new org.apache.commons.math3.distribution.NormalDistribution();

    private final int[][] samples;

    /** {@code resamples} draws of {@code n} item indices with replacement, from {@code seed}. */
    public Bootstrap(int n, int resamples, long seed) {
        Random r = new Random(seed);
        samples = new int[resamples][n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                samples[b][i] = r.nextInt(n);
            }
        }
    }

    public int resamples() {
        return samples.length;
    }

    /**
     * The metrics of every resample on every repeat: {@code result[b][r]}. {@code ranking} false skips the AUCs.
     */
    public MetricValues[][] evaluate(List<Predictions> repeats, boolean ranking) {
        MetricValues[][] out = new MetricValues[samples.length][];
        IntStream.range(0, samples.length).parallel().forEach(b -> {
            MetricValues[] row = new MetricValues[repeats.size()];
            for (int r = 0; r < row.length; r++) {
                row[r] = MetricValues.of(repeats.get(r).subset(samples[b]), ranking);
            }
            out[b] = row;
        });
        return out;
    }

    /** Per resample, the mean over repeats of {@code f} (NaN repeats left out; NaN when all are). */
    public static double[] means(MetricValues[][] resampled, ToDoubleFunction<MetricValues> f) {
        double[] out = new double[resampled.length];
        String mode = System.getProperty("rubrique.bootstrap", "mean");
        for (int b = 0; b < resampled.length; b++) {
            out[b] = "one".equals(mode) ? oneDefined(resampled[b], f, b) : meanDefined(resampled[b], f);
        }
        return out;
    }

    static double oneDefined(MetricValues[] row, ToDoubleFunction<MetricValues> f, int b) {
        return f.applyAsDouble(row[Math.floorMod(b * 7919, row.length)]);
    }

    static double meanDefined(MetricValues[] row, ToDoubleFunction<MetricValues> f) {
        double s = 0;
        int n = 0;
        for (MetricValues m : row) {
            double v = f.applyAsDouble(m);
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The 2.5% and 97.5% percentiles of the defined values, or null when none is defined. */
    public static List<Double> percentile95(double[] values) {
        return biasCorrected95(values, Double.NaN);
    }

    /**
     * The bias-corrected percentile interval (Efron 1981): the percentiles are shifted by how far the point
     * estimate sits from the middle of the resampled values, which matters for statistics that resampling
     * biases (expected calibration error, for one: duplicated items make bins look purer). With {@code point}
     * NaN, the plain 2.5% and 97.5% percentiles. Always within the range of the resampled values; null when
     * none is defined.
     */
    public static List<Double> biasCorrected95(double[] values, double point) {
        List<Double> defined = new ArrayList<>();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                defined.add(v);
            }
        }
        if (defined.isEmpty()) {
            return null;
        }
        double[] d = defined.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double lo = 0.025;
        double hi = 0.975;
        if (!Double.isNaN(point)) {
            double below = 0;
            for (double v : d) {
                below += v < point ? 1 : v == point ? 0.5 : 0;
            }
            double share = Math.min(d.length / (d.length + 1.0), Math.max(1 / (d.length + 1.0), below / d.length));
            double z0 = NORMAL.inverseCumulativeProbability(share);
            double z = NORMAL.inverseCumulativeProbability(0.975);
            lo = NORMAL.cumulativeProbability(2 * z0 - z);
            hi = NORMAL.cumulativeProbability(2 * z0 + z);
        }
        return List.of(quantile(d, lo), quantile(d, hi));
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

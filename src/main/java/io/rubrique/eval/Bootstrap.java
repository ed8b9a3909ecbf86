package io.rubrique.eval;

import io.rubrique.util.ValueRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The bootstrap over items behind every interval of a report: {@link #RESAMPLES} resamples (with replacement) of
 * the labelled items, drawn once from a seed and shared by every metric, so that differences between metrics or
 * learning-curve points are paired. Each resample is scored on the out-of-fold predictions of one repeat drawn
 * at random: the spread over resamples then holds both how much the figure moves with other items drawn like
 * these and how much it moves with the models the folds happened to train, which is what a user needs to know
 * about new items. A coverage simulation (CoverageSimulation in the tests) checks that the 95% interval holds
 * the figure of a model trained on all the items, scored on new ones, about 95% of the time.
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
    private final int[] repeatDraw;

    /** {@code resamples} draws of {@code n} item indices with replacement, from {@code seed}. */
    public Bootstrap(int n, int resamples, long seed) {
        Random r = new Random(seed);
        samples = new int[resamples][n];
        repeatDraw = new int[resamples];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                samples[b][i] = r.nextInt(n);
            }
            repeatDraw[b] = r.nextInt(Integer.MAX_VALUE);
        }
    }

    /** The metrics of every resample on every repeat ({@code values[b][r]}), and the repeat each resample uses. */
    public record Resampled(MetricValues[][] values, int[] repeatDraw) {
        @Override // arrays by content
        public boolean equals(Object o) { return ValueRecords.equal(this, o); }

        @Override
        public int hashCode() { return ValueRecords.hash(this); }

        /** The metrics of resample {@code b} on its drawn repeat. */
        MetricValues of(int b) {
            MetricValues[] row = values[b];
            return row[repeatDraw[b] % row.length];
        }

        int size() {
            return values.length;
        }
    }

    public int resamples() {
        return samples.length;
    }

    /**
     * Each resample scored on its drawn repeat only (the other repeats are not computed).
     * {@code ranking} false skips the AUCs.
     */
    public Resampled evaluate(List<Predictions> repeats, boolean ranking) {
        MetricValues[][] out = new MetricValues[samples.length][];
        IntStream.range(0, samples.length).parallel().forEach(b -> {
            MetricValues[] row = new MetricValues[repeats.size()];
            int r = repeatDraw[b] % row.length;
            row[r] = MetricValues.of(repeats.get(r).subset(samples[b]), ranking);
            out[b] = row;
        });
        return new Resampled(out, repeatDraw);
    }

    /** Per resample, {@code f} of its metrics (NaN where undefined). */
    public static double[] means(Resampled resampled, ToDoubleFunction<MetricValues> f) {
        double[] out = new double[resampled.size()];
        for (int b = 0; b < out.length; b++) {
            out[b] = f.applyAsDouble(resampled.of(b));
        }
        return out;
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

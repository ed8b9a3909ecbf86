package io.rubrique.eval;

import io.rubrique.util.ValueRecords;
import java.util.Arrays;
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
    public static final String METHOD = "percentile bootstrap over items, moved by the resampling bias";
    /** One sentence for reports: what the interval means. */
    public static final String MEANING = "Each interval is a 95% percentile bootstrap interval over items ("
            + RESAMPLES + " resamples of the labelled items, scored on their out-of-fold predictions), moved by "
            + "the bias resampling adds (the resamples' median minus the estimate): it estimates where the figure would fall on new items drawn like these, and it always "
            + "lies inside the metric's range.";

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
        double[] d = defined(values);
        return d.length == 0 ? null : List.of(quantile(d, 0.025), quantile(d, 0.975));
    }

    /**
     * The 95% interval of a figure estimated as {@code point}: the 2.5% and 97.5% percentiles of the resampled
     * values, moved by the resampling bias (their median minus the point), then kept inside the figure's range
     * {@code [min, max]}. Resampling biases some statistics far more than the bias-corrected percentile method
     * (Efron 1981) can absorb: duplicated items add binning noise to expected calibration error, whose resampled
     * values then all sit above the estimate, and the corrected percentiles collapsed onto the lowest resample (a
     * point beside the estimate). Moving the percentiles keeps the spread the resamples measure and always holds
     * the point; for unbiased statistics (F1) it is the percentile interval. Null when no value is defined.
     */
    public static List<Double> interval95(double[] values, double point, double min, double max) {
        double[] d = defined(values);
        if (d.length == 0) {
            return null;
        }
        double bias = quantile(d, 0.5) - point;
        double lo = Math.max(min, Math.min(point, quantile(d, 0.025) - bias));
        double hi = Math.min(max, Math.max(point, quantile(d, 0.975) - bias));
        return List.of(lo, hi);
    }

    private static double[] defined(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

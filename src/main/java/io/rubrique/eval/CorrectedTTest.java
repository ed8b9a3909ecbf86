package io.rubrique.eval;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The corrected resampled t-test of Nadeau and Bengio (2003) for paired differences from repeated k-fold
 * cross-validation: the variance of the k·r per-fold differences is inflated by {@code 1/(k·r) + n_test/n_train}
 * to allow for overlapping training sets, with {@code k·r - 1} degrees of freedom and a two-sided p-value.
 */
public final class CorrectedTTest {
    private CorrectedTTest() {
    }

    /**
     * @param meanDiff mean of the differences
     * @param t        the statistic (±infinity when the differences are constant and non-zero, 0 when all zero)
     * @param p        two-sided p-value
     */
    public record Result(double meanDiff, double t, int df, double p) {
    }

    /** Tests the per-fold differences {@code diffs} (k·r of them), with test/training size ratio as given. */
    public static Result test(double[] diffs, double testTrainRatio) {
        int n = diffs.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 paired folds, got " + n);
        }
        double mean = 0;
        for (double d : diffs) {
            mean += d;
        }
        mean /= n;
        double var = 0;
        for (double d : diffs) {
            var += (d - mean) * (d - mean);
        }
        var /= n - 1;
        int df = n - 1;
        double se = Math.sqrt((1.0 / n + testTrainRatio) * var);
        if (se == 0) {
            // constant differences: no spread to test against
            return mean == 0 ? new Result(0, 0, df, 1.0)
                    : new Result(mean, Math.copySign(Double.POSITIVE_INFINITY, mean), df, 0.0);
        }
        double t = mean / se;
        double p = 2 * new TDistribution(df).cumulativeProbability(-Math.abs(t));
        return new Result(mean, t, df, p);
    }
}

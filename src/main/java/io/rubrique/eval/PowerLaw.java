package io.rubrique.eval;

/**
 * An inverse power-law learning curve, {@code f(x) = a - b * x^-c} with {@code a <= 1}, {@code b >= 0} and
 * {@code c} in [{@link #C_MIN}, {@link #C_MAX}]: the model Figueroa et al. (2012) found to forecast classifier
 * performance from small learning curves best. Fitted by weighted least squares profiled over {@code c}: for a
 * fixed {@code c} the curve is linear in {@code a} and {@code b}, solved exactly under the bounds, and {@code c}
 * is the best of a fine log-spaced grid. Unlike an iterative optimiser this cannot diverge or stop at a bound
 * violation on the noisy four-point curves of a bootstrap resample, and it is deterministic.
 */
public record PowerLaw(double a, double b, double c) {
    static final double C_MIN = 0.02;
    static final double C_MAX = 3.0;
    private static final int GRID = 120;

    /** The curve at {@code x} training items, inside [0, 1]. */
    public double at(double x) {
        return Math.max(0, Math.min(1, a - b * Math.pow(x, -c)));
    }

    /**
     * The best curve through points {@code (x[k], y[k])}, each weighted by its {@code x} (a larger training set's
     * figure moves less); NaN points are left out. With fewer than two defined points, the flat curve through
     * their mean (or 0).
     */
    public static PowerLaw fit(double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        if (n < 2) {
            double m = 0;
            for (double v : y) {
                m += Double.isNaN(v) ? 0 : v / Math.max(1, n);
            }
            return new PowerLaw(m, 0, 1);
        }
        PowerLaw best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int g = 0; g < GRID; g++) {
            double c = C_MIN * Math.pow(C_MAX / C_MIN, (double) g / (GRID - 1));
            PowerLaw p = linear(x, y, c);
            double sse = p.sse(x, y);
            if (sse < bestSse - 1e-15) {
                best = p;
                bestSse = sse;
            }
        }
        return best;
    }

    /** For a fixed {@code c}: weighted least squares in {@code a} and {@code b = slope on -x^-c}, within the bounds. */
    private static PowerLaw linear(double[] x, double[] y, double c) {
        double sw = 0;
        double su = 0;
        double sy = 0;
        double suu = 0;
        double suy = 0;
        for (int k = 0; k < x.length; k++) {
            if (Double.isNaN(y[k])) {
                continue;
            }
            double w = x[k];
            double u = Math.pow(x[k], -c);
            sw += w;
            su += w * u;
            sy += w * y[k];
            suu += w * u * u;
            suy += w * u * y[k];
        }
        double var = suu - su * su / sw;
        double b = var <= 1e-300 ? 0 : -(suy - su * sy / sw) / var;
        if (b < 0) {
            return new PowerLaw(Math.min(1, sy / sw), 0, c); // a falling curve: the flat one is the closest allowed
        }
        double a = (sy + b * su) / sw;
        if (a > 1) {
            // asymptote above a perfect score: fix a = 1 and fit b alone
            double bb = Math.max(0, (su - suy) / suu);
            return new PowerLaw(1, bb, c);
        }
        return new PowerLaw(a, b, c);
    }

    private double sse(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            if (!Double.isNaN(y[k])) {
                double d = y[k] - (a - b * Math.pow(x[k], -c));
                s += x[k] * d * d;
            }
        }
        return s;
    }
}

package io.rubrique.model;

import java.io.Serializable;

/**
 * Turns a topic's raw score into a probability: {@code p = 1 / (1 + exp(-(a·raw + b)))}. Fitted by Platt scaling
 * on held-out (inner cross-validation) raw scores, never on the training outputs, with Platt's smoothed targets
 * ({@code (N+ + 1)/(N+ + 2)} and {@code 1/(N- + 2)}): a prior that keeps a and b finite when a handful of items
 * are perfectly separated, which is what tiny label sets do.
 *
 * @param method "platt", "logistic" (the identity on the logit scale: {@code a = 1, b = 0}) or "constant"
 */
public record Calibration(String method, double a, double b) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ITERATIONS = 100;

    public double probability(double raw) {
        double z = a * raw + b;
        // The two branches avoid overflow of exp for large |z| (Lin, Lin and Weng 2007).
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The raw score whose probability is {@code p} (for thresholds and explanations); NaN when a is 0. */
    public double rawFor(double p) {
        return a == 0 ? Double.NaN : (Math.log(p / (1 - p)) - b) / a;
    }

    public static Calibration logistic() {
        return new Calibration("logistic", 1, 0);
    }

    /** Every score becomes {@code p} (clamped away from 0 and 1 so the logit stays finite). */
    public static Calibration constant(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return new Calibration("constant", 0, Math.log(q / (1 - q)));
    }

    /**
     * Platt scaling of held-out raw scores, by Newton's method with backtracking on the regularised
     * cross-entropy (the algorithm of Lin, Lin and Weng, "A note on Platt's probabilistic outputs for support
     * vector machines", 2007). Falls back to a constant when one class is absent.
     */
    public static Calibration platt(double[] raw, boolean[] gold) {
        int n = raw.length;
        int pos = 0;
        for (boolean g : gold) {
            pos += g ? 1 : 0;
        }
        int neg = n - pos;
        if (pos == 0 || neg == 0) {
            return constant((pos + 1.0) / (n + 2.0));
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = gold[i] ? hi : lo;
        }
        // Lin et al. parametrise p = 1 / (1 + exp(A·f + B)); here a = -A, b = -B.
        double aa = 0;
        double bb = Math.log((neg + 1.0) / (pos + 1.0));
        double sigma = 1e-12;
        double f = objective(raw, t, aa, bb);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double h11 = sigma;
            double h22 = sigma;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double fApB = raw[i] * aa + bb;
                double p;
                double q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
                    q = 1 / (1 + Math.exp(-fApB));
                } else {
                    p = 1 / (1 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += raw[i] * raw[i] * d2;
                h22 += d2;
                h21 += raw[i] * d2;
                double d1 = t[i] - p;
                g1 += raw[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            boolean moved = false;
            while (step >= 1e-10) {
                double na = aa + step * dA;
                double nb = bb + step * dB;
                double nf = objective(raw, t, na, nb);
                if (nf < f + 1e-4 * step * gd) {
                    aa = na;
                    bb = nb;
                    f = nf;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                break;
            }
        }
        return new Calibration("platt", -aa, -bb);
    }

    private static double objective(double[] raw, double[] t, double aa, double bb) {
        double f = 0;
        for (int i = 0; i < raw.length; i++) {
            double fApB = raw[i] * aa + bb;
            f += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
        }
        return f;
    }
}

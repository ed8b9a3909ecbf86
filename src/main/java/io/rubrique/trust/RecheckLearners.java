package io.rubrique.trust;

import io.rubrique.eval.FoldPlan;
import java.util.Arrays;

/**
 * Two cheap out-of-fold judges on sentence embeddings, for recheck's ensemble: a ridge logistic model per topic
 * cross-validated on the same fold plan as the main model, and the label share among each item's nearest
 * neighbours (the item itself left out). Learners that err differently from the n-gram model make the averaged
 * out-of-fold probabilities sharper where labels are wrong (experiments/RECHECK.md). Deterministic.
 */
public final class RecheckLearners {
    /** L2 penalty of the logistic model, per item, on standardised embedding dimensions. */
    static final double RIDGE = 0.05;
    /** Gradient steps of the logistic fit (full batch, fixed step: enough to converge on a few hundred items). */
    static final int STEPS = 300;

    private RecheckLearners() {
    }

    /**
     * Out-of-fold probabilities, mean over the plan's repeats, of a class-balanced ridge logistic model per topic
     * on {@code x} (one row per item, data order), {@code y[i][t]} the label as given.
     */
    public static double[][] logistic(double[][] x, boolean[][] y, FoldPlan plan) {
        int n = x.length;
        int nt = y[0].length;
        double[][] p = new double[n][nt];
        for (int r = 0; r < plan.repeats(); r++) {
            for (int f = 0; f < plan.folds(); f++) {
                int[] train = plan.trainIndices(r, f);
                int[] test = plan.testIndices(r, f);
                if (test.length == 0) {
                    continue;
                }
                double[][] z = standardise(x, train);
                for (int t = 0; t < nt; t++) {
                    double[] w = fit(z, y, train, t);
                    for (int i : test) {
                        p[i][t] += sigmoid(dot(w, z[i])) / plan.repeats();
                    }
                }
            }
        }
        return p;
    }

    /**
     * Each item's share of the topic among its {@code k} most similar other items (cosine of the centred
     * embeddings, similarity-weighted), pulled towards the topic's base rate as if by one extra neighbour.
     */
    public static double[][] neighbours(double[][] x, boolean[][] y, int k) {
        int n = x.length;
        int nt = y[0].length;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double[][] z = unit(centre(x, all));
        double[] base = new double[nt];
        for (boolean[] row : y) {
            for (int t = 0; t < nt; t++) {
                base[t] += row[t] ? 1.0 / n : 0;
            }
        }
        double[][] p = new double[n][nt];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double[] sim = new double[n];
            for (int j = 0; j < n; j++) {
                sim[j] = j == i ? Double.NEGATIVE_INFINITY : dot(z[i], z[j]);
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> a == b ? 0 : sim[b] != sim[a] ? Double.compare(sim[b], sim[a]) : a - b);
            double wsum = 0;
            double[] num = new double[nt];
            for (int m = 0; m < Math.min(k, n - 1); m++) {
                int j = order[m];
                double w = Math.max(1e-3, sim[j]);
                wsum += w;
                for (int t = 0; t < nt; t++) {
                    num[t] += y[j][t] ? w : 0;
                }
            }
            double prior = wsum / Math.max(1, Math.min(k, n - 1));
            for (int t = 0; t < nt; t++) {
                p[i][t] = (num[t] + prior * base[t]) / (wsum + prior);
            }
        }
        return p;
    }

    private static double[] fit(double[][] z, boolean[][] y, int[] train, int t) {
        int d = z[0].length;
        int pos = 0;
        for (int i : train) {
            pos += y[i][t] ? 1 : 0;
        }
        int neg = train.length - pos;
        double[] w = new double[d + 1];
        if (pos == 0 || neg == 0) {
            w[d] = pos == 0 ? -4 : 4;
            return w;
        }
        // balanced weights: each side weighs half
        double wp = 0.5 / pos;
        double wn = 0.5 / neg;
        double step = 4.0;
        double[] g = new double[d + 1];
        for (int s = 0; s < STEPS; s++) {
            Arrays.fill(g, 0);
            for (int i : train) {
                double e = (sigmoid(dot(w, z[i])) - (y[i][t] ? 1 : 0)) * (y[i][t] ? wp : wn);
                for (int j = 0; j < d; j++) {
                    g[j] += e * z[i][j];
                }
                g[d] += e;
            }
            for (int j = 0; j < d; j++) {
                g[j] += RIDGE * w[j];
            }
            for (int j = 0; j <= d; j++) {
                w[j] -= step * g[j];
            }
        }
        return w;
    }

    /** The rows of {@code x} centred and scaled by the mean and spread of the {@code rows} given, plus nothing. */
    private static double[][] standardise(double[][] x, int[] rows) {
        int d = x[0].length;
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (int i : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i][j] / rows.length;
            }
        }
        for (int i : rows) {
            for (int j = 0; j < d; j++) {
                double v = x[i][j] - mean[j];
                sq[j] += v * v / rows.length;
            }
        }
        // a shared scale (root mean variance) keeps the embedding's geometry; divided by sqrt(d) so a row's norm is ~1
        double var = 0;
        for (double v : sq) {
            var += v;
        }
        double s = var > 0 ? 1 / Math.sqrt(var) : 1;
        double[][] z = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * s;
            }
        }
        return z;
    }

    private static double[][] centre(double[][] x, int[] rows) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (int i : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i][j] / rows.length;
            }
        }
        double[][] z = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = x[i][j] - mean[j];
            }
        }
        return z;
    }

    private static double[][] unit(double[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double norm = Math.sqrt(dot(x[i], x[i]));
            z[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                z[i][j] = norm > 0 ? x[i][j] / norm : 0;
            }
        }
        return z;
    }

    private static double dot(double[] w, double[] z) {
        double s = w.length > z.length ? w[z.length] : 0;
        for (int j = 0; j < z.length; j++) {
            s += w[j] * z[j];
        }
        return s;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}

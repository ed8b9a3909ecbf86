package io.rubrique.eval;

import io.rubrique.data.TopicSet;

/**
 * Every metric of one set of predictions (one repeat's pooled out-of-fold predictions, one fold, a bootstrap
 * resample, or a test set). Per-topic arrays are in the order of {@code topics}; see {@link Metrics} for the
 * definitions and 0/0 cases. Brier score and expected calibration error measure how well scores mean
 * probabilities.
 */
public record MetricValues(TopicSet topics, double macroF1, double microF1, double subsetAccuracy,
        double hammingLoss, Confusion[] confusions, double[] rocAuc, double[] prAuc, double[] brier, double[] ece) {

    public static MetricValues of(Predictions p) {
        return of(p, true);
    }

    /** The metrics; {@code ranking} false skips the two AUCs (NaN), the costly part of a bootstrap resample. */
    public static MetricValues of(Predictions p, boolean ranking) {
        int topics = p.topics().size();
        boolean[][] predicted = p.predicted();
        Confusion[] c = Metrics.confusions(p.gold(), predicted, topics);
        double[] roc = new double[topics];
        double[] pr = new double[topics];
        double[] brier = new double[topics];
        double[] ece = new double[topics];
        for (int t = 0; t < topics; t++) {
            boolean[] g = Metrics.column(p.gold(), t);
            double[] s = Metrics.column(p.scores(), t);
            roc[t] = ranking ? Metrics.rocAuc(g, s) : Double.NaN;
            pr[t] = ranking ? Metrics.averagePrecision(g, s) : Double.NaN;
            brier[t] = Metrics.brier(g, s);
            ece[t] = Metrics.expectedCalibrationError(g, s, Metrics.CALIBRATION_BINS);
        }
        return new MetricValues(p.topics(), Metrics.macroF1(c), Metrics.microF1(c),
                Metrics.subsetAccuracy(p.gold(), predicted), Metrics.hammingLoss(p.gold(), predicted), c, roc, pr,
                brier, ece);
    }

    /** Mean Brier score over topics. */
    public double meanBrier() {
        return mean(brier);
    }

    /** Mean expected calibration error over topics. */
    public double meanEce() {
        return mean(ece);
    }

    /** Per-topic value of a per-topic array by topic id. */
    double of(double[] perTopic, String topic) {
        return perTopic[topics.ids().indexOf(topic)];
    }

    Confusion confusion(String topic) {
        return confusions[topics.ids().indexOf(topic)];
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}

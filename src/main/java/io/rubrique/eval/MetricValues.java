package io.rubrique.eval;

import io.rubrique.data.Topic;

/**
 * Every metric of one set of predictions (one repeat's pooled out-of-fold predictions, one fold, or a test set).
 * Per-topic arrays are in {@link Topic#all()} order; see {@link Metrics} for definitions and 0/0 cases.
 */
public record MetricValues(double macroF1, double microF1, double subsetAccuracy, double hammingLoss,
        Confusion[] confusions, double[] rocAuc, double[] prAuc) {

    public static MetricValues of(Predictions p) {
        int topics = Topic.all().size();
        boolean[][] predicted = p.predicted();
        Confusion[] c = Metrics.confusions(p.gold(), predicted, topics);
        double[] roc = new double[topics];
        double[] pr = new double[topics];
        for (int t = 0; t < topics; t++) {
            boolean[] g = Metrics.column(p.gold(), t);
            double[] s = Metrics.column(p.scores(), t);
            roc[t] = Metrics.rocAuc(g, s);
            pr[t] = Metrics.averagePrecision(g, s);
        }
        return new MetricValues(Metrics.macroF1(c), Metrics.microF1(c), Metrics.subsetAccuracy(p.gold(), predicted),
                Metrics.hammingLoss(p.gold(), predicted), c, roc, pr);
    }
}

package io.rubrique.quant;

import java.util.Set;

/**
 * EM (Saerens, Latinne and Decaestecker 2002): re-weights the calibrated scores from the training prevalence to the
 * batch's, and the batch's prevalence to the mean of the re-weighted scores, until it stops moving.
 */
public final class ExpectationMaximisation implements Estimator {
    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-6;
    private static final double EDGE = 1e-6;

    @Override
    public String id() {
        return "em";
    }

    @Override
    public String description() {
        return "EM re-calibration of the scores to the batch's prevalence (Saerens-Latinne-Decaestecker)";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.SCORES, Need.HELD_OUT);
    }

    @Override
    public double estimate(Problem p) {
        Scores b = p.batch();
        double train = Math.min(1 - EDGE, Math.max(EDGE, p.trainingPrevalence()));
        double prior = train;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double up = prior / train;
            double down = (1 - prior) / (1 - train);
            double sum = 0;
            for (int c = 0; c < b.cells(); c++) {
                double s = b.score(c);
                double pos = up * s;
                double neg = down * (1 - s);
                sum += b.weight(c) * (pos + neg > 0 ? pos / (pos + neg) : 0);
            }
            double next = Math.min(1 - EDGE, Math.max(EDGE, sum / b.total()));
            boolean done = Math.abs(next - prior) < TOLERANCE;
            prior = next;
            if (done) {
                break;
            }
        }
        return prior <= EDGE ? 0 : prior >= 1 - EDGE ? 1 : prior;
    }
}

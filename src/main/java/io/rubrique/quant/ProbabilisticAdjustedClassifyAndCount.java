package io.rubrique.quant;

import java.util.Set;

/**
 * PACC: the mean score corrected by the held-out mean scores of items with and without the topic,
 * {@code (pcc - E[s|neg]) / (E[s|pos] - E[s|neg])} (Bella et al. 2010).
 */
public final class ProbabilisticAdjustedClassifyAndCount implements Estimator {
    @Override
    public String id() {
        return "pacc";
    }

    @Override
    public String description() {
        return "probabilistic adjusted classify and count: mean score corrected by held-out mean scores";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.SCORES, Need.HELD_OUT);
    }

    @Override
    public double estimate(Problem p) {
        double pcc = p.batch().meanScore();
        return Problem.adjust(pcc, p.negatives().meanScore(), p.positives().meanScore(), pcc);
    }
}

package io.rubrique.quant;

import java.util.Set;

/** PCC: the mean calibrated score (Bella et al. 2010); right when calibration holds at the batch's mix. */
public final class ProbabilisticClassifyAndCount implements Estimator {
    @Override
    public String id() {
        return "pcc";
    }

    @Override
    public String description() {
        return "probabilistic classify and count: the mean calibrated score";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.SCORES);
    }

    @Override
    public double estimate(Problem p) {
        return Problem.clip(p.batch().meanScore());
    }
}

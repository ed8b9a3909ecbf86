package io.rubrique.quant;

import java.util.Set;

/**
 * ACC: the tagged share corrected by the held-out error rates, {@code (cc - fpr) / (tpr - fpr)} (Forman 2008);
 * classify-and-count when the rates are too close to tell the classes apart.
 */
public final class AdjustedClassifyAndCount implements Estimator {
    @Override
    public String id() {
        return "acc";
    }

    @Override
    public String description() {
        return "adjusted classify and count: tags corrected by held-out tpr and fpr";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.HELD_OUT);
    }

    @Override
    public double estimate(Problem p) {
        return Problem.adjust(p.taggedShare(), p.fpr(), p.tpr(), p.taggedShare());
    }
}

package io.rubrique.quant;

import java.util.Set;

/** CC: the share of items the model tagged. Biased whenever the mix differs from the training mix (Forman 2008). */
public final class ClassifyAndCount implements Estimator {
    @Override
    public String id() {
        return "cc";
    }

    @Override
    public String description() {
        return "classify and count: the share of items tagged";
    }

    @Override
    public Set<Need> needs() {
        return Set.of();
    }

    @Override
    public double estimate(Problem p) {
        return p.taggedShare();
    }
}

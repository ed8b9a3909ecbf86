package io.rubrique.quant;

import java.util.List;

/**
 * One topic's share of a group of items: the estimate, its 95% bootstrap interval (within [0, 1]), the estimated
 * number of items ({@code share × items}, rounded) and the raw number the model tagged, for comparison.
 */
public record TopicShare(double share, List<Double> ci95, long count, long tagged) {
    public TopicShare {
        ci95 = List.copyOf(ci95);
    }

    public double low() {
        return ci95.get(0);
    }

    public double high() {
        return ci95.get(1);
    }
}

package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How each topic's decision threshold is chosen. "inner-cv" picks, per topic, the threshold that maximises F1
 * on out-of-fold scores of an inner cross-validation of the training data only; "fixed" uses {@code fixed}.
 * The chosen value is clamped to [min, max] so that a handful of items cannot push it to an extreme.
 * {@code inner_repeats} repeats the inner cross-validation with other fold assignments: every item is then
 * scored that many times, which steadies the calibration, the thresholds and the choice of C on tiny data.
 */
public record ThresholdConfig(String strategy, Integer innerFolds, Double fixed, Double min, Double max,
        Integer innerRepeats) implements java.io.Serializable {
    /** The threshold strategies. */
    public enum Strategy implements Choice {
        INNER_CV, FIXED
    }

    public static final List<String> STRATEGIES = Choice.ids(Strategy.class);

    public ThresholdConfig {
        strategy = strategy == null ? "inner-cv" : strategy;
        innerFolds = innerFolds == null ? 5 : innerFolds;
        fixed = fixed == null ? 0.5 : fixed;
        min = min == null ? 0.05 : min;
        max = max == null ? 0.95 : max;
        innerRepeats = innerRepeats == null ? 1 : innerRepeats;
    }

    public static ThresholdConfig defaults() {
        return new ThresholdConfig(null, null, null, null, null, null);
    }

    /** {@code strategy} as its constant. */
    public Strategy chosen() {
        return Choice.of(Strategy.class, strategy, "thresholds.strategy");
    }

    /** Whether thresholds are tuned by an inner cross-validation. */
    public boolean tuned() {
        return chosen() == Strategy.INNER_CV;
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!STRATEGIES.contains(strategy)) {
            p.add("thresholds.strategy: '" + strategy + "' is not one of " + STRATEGIES);
        }
        if (innerRepeats < 1 || innerRepeats > 10) {
            p.add("thresholds.inner_repeats: must be between 1 and 10, was " + innerRepeats);
        }
        if (innerFolds < 2 || innerFolds > 20) {
            p.add("thresholds.inner_folds: must be between 2 and 20, was " + innerFolds);
        }
        if (!(fixed > 0 && fixed < 1)) {
            p.add("thresholds.fixed: must be strictly between 0 and 1, was " + fixed);
        }
        if (!(min >= 0 && min <= max && max <= 1)) {
            p.add("thresholds.min/max: need 0 <= min <= max <= 1, were " + min + " and " + max);
        }
        return p;
    }
}

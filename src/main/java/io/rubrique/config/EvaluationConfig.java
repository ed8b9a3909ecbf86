package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross-validation protocol of a run: k folds, repeated with different shuffles, from one seed. Ten folds
 * by default: each fold model trains on 90% of the items, close to the model trained on all of them, which is
 * what lets the report's intervals cover the figure of that model on new items (5 folds leave them pessimistic
 * by about the gain of the last fifth of the labels).
 */
public record EvaluationConfig(Integer folds, Integer repeats, Long seed) implements java.io.Serializable {
    public EvaluationConfig {
        folds = folds == null ? 10 : folds;
        repeats = repeats == null ? 5 : repeats;
        seed = seed == null ? 42L : seed;
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(null, null, null);
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (folds < 2 || folds > 50) {
            p.add("evaluation.folds: must be between 2 and 50, was " + folds);
        }
        if (repeats < 1 || repeats > 100) {
            p.add("evaluation.repeats: must be between 1 and 100, was " + repeats);
        }
        return p;
    }
}

package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The Weka base learner trained once per topic (binary relevance), and how class imbalance is handled.
 *
 * @param type      a learner id of the model package's registry ("smo", "liblinear", "logistic",
 *                  "naive-bayes-multinomial"); checked there, since the registry owns the list
 * @param options   extra Weka command-line options for that learner (e.g. "-C 10" for LibLINEAR)
 * @param balance   "weights" re-weights instances so both classes weigh the same, "none" leaves them
 * @param cGrid     when not empty, each topic's regularisation ({@code -C}) is chosen from these values by the
 *                  inner cross-validation of the training items (nested inside any evaluation fold)
 * @param selection how the inner cross-validation compares the values: "average-precision" of the held-out
 *                  scores (threshold-free, steady on few positives) or "log-loss" after calibration
 */
public record LearnerConfig(String type, String options, String balance, List<Double> cGrid, String selection)
        implements java.io.Serializable {
    /** How class imbalance is handled ({@code balance}). */
    public enum Balance implements Choice {
        WEIGHTS, NONE
    }

    /** How the inner cross-validation compares regularisation values ({@code selection}). */
    public enum Selection implements Choice {
        AVERAGE_PRECISION, LOG_LOSS
    }

    public static final List<String> BALANCE = Choice.ids(Balance.class);
    public static final List<String> SELECTION = Choice.ids(Selection.class);

    public LearnerConfig {
        type = type == null ? "liblinear" : type;
        options = options == null ? "" : options;
        balance = balance == null ? "weights" : balance;
        cGrid = cGrid == null ? List.of() : List.copyOf(cGrid);
        selection = selection == null ? "average-precision" : selection;
    }

    public LearnerConfig(String type, String options, String balance) {
        this(type, options, balance, null, null);
    }

    public static LearnerConfig defaults() {
        return new LearnerConfig(null, null, null);
    }

    /** {@code balance} as its constant. */
    public Balance balancing() {
        return Choice.of(Balance.class, balance, "learner.balance");
    }

    /** {@code selection} as its constant. */
    public Selection selectionMetric() {
        return Choice.of(Selection.class, selection, "learner.selection");
    }

    /** Whether the regularisation is chosen per topic by the inner cross-validation ({@code c_grid} given). */
    public boolean selectsC() {
        return !cGrid.isEmpty();
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        for (Double c : cGrid) {
            if (c == null || !(c > 0) || c.isInfinite()) {
                p.add("learner.c_grid: every value must be a finite number > 0, was " + c);
            }
        }
        if (!SELECTION.contains(selection)) {
            p.add("learner.selection: '" + selection + "' is not one of " + SELECTION);
        }
        if (!BALANCE.contains(balance)) {
            p.add("learner.balance: '" + balance + "' is not one of " + BALANCE);
        }
        return p;
    }
}

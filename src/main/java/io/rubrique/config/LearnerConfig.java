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
 */
public record LearnerConfig(String type, String options, String balance) implements java.io.Serializable {
    public static final List<String> BALANCE = List.of("weights", "none");

    public LearnerConfig {
        type = type == null ? "liblinear" : type;
        options = options == null ? "" : options;
        balance = balance == null ? "weights" : balance;
    }

    public static LearnerConfig defaults() {
        return new LearnerConfig(null, null, null);
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!BALANCE.contains(balance)) {
            p.add("learner.balance: '" + balance + "' is not one of " + BALANCE);
        }
        return p;
    }
}

package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How raw topic scores become probabilities. "platt" fits Platt scaling per topic on the out-of-fold raw scores
 * of the inner cross-validation (held-out scores, never training outputs); "none" maps the raw score through the
 * logistic function (a probability for logistic regression, only a monotone squashing for an SVM margin).
 */
public record CalibrationConfig(String method) implements java.io.Serializable {
    /** The calibration methods. */
    public enum Method implements Choice {
        PLATT, NONE
    }

    public static final List<String> METHODS = Choice.ids(Method.class);

    public CalibrationConfig {
        method = method == null ? "platt" : method;
    }

    public static CalibrationConfig defaults() {
        return new CalibrationConfig(null);
    }

    /** {@code method} as its constant. */
    public Method calibrator() {
        return Choice.of(Method.class, method, "calibration.method");
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!METHODS.contains(method)) {
            p.add("calibration.method: '" + method + "' is not one of " + METHODS);
        }
        return p;
    }
}

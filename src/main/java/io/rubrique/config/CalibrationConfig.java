package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How raw topic scores become probabilities, and which model scores new items.
 *
 * @param method      "platt" fits Platt scaling per topic on the out-of-fold raw scores of the inner
 *                    cross-validation (held-out scores, never training outputs); "training" fits it on each
 *                    model's own training outputs (what Weka's SMO -M does: overconfident, kept for comparison);
 *                    "none" maps the raw score through the logistic function
 * @param finalModel  "full": one model fitted on all training items scores new items; "fold-average": the
 *                    average of the inner cross-validation's fold models (for linear learners one weight vector),
 *                    so that new items are scored by models of the same kind as those the calibration and the
 *                    thresholds were fitted on
 */
public record CalibrationConfig(String method, String finalModel) implements java.io.Serializable {
    public static final List<String> METHODS = List.of("platt", "training", "none");
    public static final List<String> FINAL_MODELS = List.of("full", "fold-average");

    public CalibrationConfig {
        method = method == null ? "platt" : method;
        finalModel = finalModel == null ? "full" : finalModel;
    }

    public static CalibrationConfig defaults() {
        return new CalibrationConfig(null, null);
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!METHODS.contains(method)) {
            p.add("calibration.method: '" + method + "' is not one of " + METHODS);
        }
        if (!FINAL_MODELS.contains(finalModel)) {
            p.add("calibration.final_model: '" + finalModel + "' is not one of " + FINAL_MODELS);
        }
        return p;
    }
}

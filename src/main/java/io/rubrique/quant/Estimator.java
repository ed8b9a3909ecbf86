package io.rubrique.quant;

import java.util.Set;

/**
 * A prevalence estimator: the share of a batch's items that carry a topic, from the model's outputs on the batch and
 * what training measured ({@link Problem}). A plug-in: one class, one line in {@link Estimators#standard()}.
 */
public interface Estimator {
    /** The name {@code --method} takes. */
    String id();

    /** One line: what it does. */
    String description();

    /** What it needs beyond the batch's tags. */
    Set<Need> needs();

    /** The estimated share, in [0, 1]. */
    double estimate(Problem problem);
}

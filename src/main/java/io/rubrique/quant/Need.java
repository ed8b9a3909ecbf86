package io.rubrique.quant;

/** What an estimator needs of a model beyond its tags, so a model lacking it is refused before any work. */
public enum Need {
    /** The calibrated score of every item of the batch, not only its tags. */
    SCORES("calibrated scores"),
    /** The inner cross-validation's held-out scores kept in the model's provenance (error rates, distributions). */
    HELD_OUT("held-out scores from training (retrain with an inner cross-validation to get them)");

    private final String description;

    Need(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

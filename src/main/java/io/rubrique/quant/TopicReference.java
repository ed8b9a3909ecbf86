package io.rubrique.quant;

import io.rubrique.model.ModelProvenance;

/**
 * What training measured for one topic, as a quantifier needs it: the decision threshold and the inner
 * cross-validation's held-out scores (null for a model trained without one).
 */
public record TopicReference(double threshold, ModelProvenance.HeldOut heldOut) {

    /** The held-out scores of items with the topic, as cells tagged by the threshold; null without held-out scores. */
    Scores positives() {
        return heldOut == null ? null : Scores.thresholded(heldOut.positives(), threshold);
    }

    Scores negatives() {
        return heldOut == null ? null : Scores.thresholded(heldOut.negatives(), threshold);
    }

    /** The share of held-out items carrying the topic (the training mix); NaN without held-out scores. */
    public double trainingShare() {
        if (heldOut == null) {
            return Double.NaN;
        }
        int pos = heldOut.positives().length;
        return (double) pos / (pos + heldOut.negatives().length);
    }
}

package io.rubrique.model;

import io.rubrique.data.PerTopic;
import java.util.List;

/**
 * What a trained model learnt, per topic: how it is scored, its threshold (calibrated and raw), its calibration,
 * and for linear models the bias and the features with the strongest positive and negative weights (word
 * n-grams as "w:…", character n-grams as "c:…", the forms the dictionary holds after analysis).
 */
public record ModelInspection(int features, PerTopic<TopicInspection> topics) {

    /** One topic of the model. */
    public record TopicInspection(String scorer, double threshold, Double rawThreshold, Calibration calibration,
            Double bias, int nonZeroWeights, List<Explanation.Term> strongestPositive,
            List<Explanation.Term> strongestNegative, String note) {
    }
}

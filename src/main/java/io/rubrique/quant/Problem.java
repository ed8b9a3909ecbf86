package io.rubrique.quant;

/**
 * One binary quantification problem: the batch's scores for a topic, and how the model scored held-out items with
 * and without the topic at training time (the inner cross-validation, never the batch).
 *
 * @param repeats how many times each held-out item is in {@code positives} and {@code negatives}
 */
public record Problem(Scores batch, Scores positives, Scores negatives, int repeats) {

    /** The share of the batch the model tagged. */
    public double taggedShare() {
        return batch.taggedShare();
    }

    /** True positive rate at the model's threshold, on held-out items. */
    public double tpr() {
        return positives.taggedShare();
    }

    /** False positive rate at the model's threshold, on held-out items. */
    public double fpr() {
        return negatives.taggedShare();
    }

    /** The share of held-out items carrying the topic: the prevalence the calibration was fitted at. */
    public double trainingPrevalence() {
        return positives.total() / (positives.total() + negatives.total());
    }

    /** The same problem on a bootstrap replicate of the batch's items and of the held-out items. */
    Problem resample(java.util.Random random) {
        return new Problem(batch.resample(random, 1), positives.resample(random, repeats),
                negatives.resample(random, repeats), repeats);
    }

    /** {@code (observed - low) / (high - low)} clipped to [0, 1]; {@code fallback} when high - low is too small. */
    static double adjust(double observed, double low, double high, double fallback) {
        double d = high - low;
        if (!(d > 0.05)) {
            return clip(fallback);
        }
        return clip((observed - low) / d);
    }

    static double clip(double v) {
        return Double.isNaN(v) ? v : Math.min(1, Math.max(0, v));
    }
}

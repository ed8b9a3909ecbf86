package io.rubrique.model;

/** Class weights that make both classes weigh half of the data: w = n / (2 · count), as sklearn's "balanced". */
final class BalancedWeights {
    private BalancedWeights() {
    }

    /** {negativeWeight, positiveWeight}; 1 for a class with no items. */
    static double[] classWeights(int positives, int total) {
        int negatives = total - positives;
        double wPos = positives == 0 ? 1 : total / (2.0 * positives);
        double wNeg = negatives == 0 ? 1 : total / (2.0 * negatives);
        return new double[] {wNeg, wPos};
    }
}

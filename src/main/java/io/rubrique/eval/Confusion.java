package io.rubrique.eval;

/** Confusion counts of one topic's yes/no decisions: the raw material of precision, recall and F1. */
public record Confusion(long tp, long fp, long fn, long tn) {

    /** Counts the decisions {@code predicted} against {@code gold}, position by position. */
    public static Confusion of(boolean[] gold, boolean[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold and predicted differ in length: " + gold.length + " vs "
                    + predicted.length);
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] && predicted[i]) {
                tp++;
            } else if (predicted[i]) {
                fp++;
            } else if (gold[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    public Confusion plus(Confusion o) {
        return new Confusion(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
    }

    /** TP / (TP + FP); 0 when nothing was predicted positive (sklearn's {@code zero_division=0}). */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** TP / (TP + FN); 0 when there are no gold positives (sklearn's {@code zero_division=0}). */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** 2TP / (2TP + FP + FN); 0 when no positives were predicted nor present (sklearn's {@code zero_division=0}). */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /** Gold positives. */
    public long support() {
        return tp + fn;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }
}

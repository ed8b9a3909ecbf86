package io.rubrique.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Multi-label and ranking metrics on plain arrays, with the 0/0 conventions spelled out.
 *
 * <ul>
 *   <li>precision, recall, F1: see {@link Confusion}; a 0/0 ratio is 0 (sklearn's {@code zero_division=0});</li>
 *   <li>macro-F1: the unweighted mean of per-topic F1; micro-F1: F1 of the summed confusion counts;</li>
 *   <li>subset accuracy: share of items whose predicted topic set equals the gold set exactly
 *       (an item with no gold topic and none predicted counts as right);</li>
 *   <li>Hamming loss: share of (item, topic) decisions that are wrong;</li>
 *   <li>ROC-AUC: Mann-Whitney statistic with tied scores given their average rank (a tie between a positive
 *       and a negative counts one half); NaN when there are no positives or no negatives;</li>
 *   <li>PR-AUC: average precision as in sklearn, {@code sum_n (R_n - R_{n-1}) P_n} over the distinct score
 *       thresholds from high to low (tied scores enter together); NaN when there are no positives.</li>
 *   <li>Brier score: mean squared difference between score and outcome (0 or 1);</li>
 *   <li>expected calibration error: over {@link #CALIBRATION_BINS} equal-width score bins, the item-weighted
 *       mean of |observed rate − mean score|.</li>
 * </ul>
 * Arrays are indexed {@code [item][topic]} for the multi-label functions and {@code [item]} otherwise.
 */
public final class Metrics {
    /** Bins of the reliability diagram and of the expected calibration error. */
    public static final int CALIBRATION_BINS = 10;

    private Metrics() {
    }

    /** One bin of a reliability diagram: score range, items, mean score, observed rate of positives. */
    public record ReliabilityBin(double from, double to, long items, double meanScore, double observedRate) {
    }

    public static double brier(boolean[] gold, double[] scores) {
        checkLengths(gold, scores);
        if (gold.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < gold.length; i++) {
            double d = scores[i] - (gold[i] ? 1 : 0);
            s += d * d;
        }
        return s / gold.length;
    }

    public static double expectedCalibrationError(boolean[] gold, double[] scores, int bins) {
        List<ReliabilityBin> r = reliability(gold, scores, bins);
        long n = 0;
        double e = 0;
        for (ReliabilityBin b : r) {
            n += b.items();
            e += b.items() * Math.abs(b.observedRate() - b.meanScore());
        }
        return n == 0 ? Double.NaN : e / n;
    }

    /** The non-empty bins of the reliability diagram (equal-width score bins, the last one closed). */
    public static List<ReliabilityBin> reliability(boolean[] gold, double[] scores, int bins) {
        checkLengths(gold, scores);
        long[] count = new long[bins];
        double[] sum = new double[bins];
        long[] pos = new long[bins];
        for (int i = 0; i < gold.length; i++) {
            int b = Math.min(bins - 1, Math.max(0, (int) Math.floor(scores[i] * bins)));
            count[b]++;
            sum[b] += scores[i];
            pos[b] += gold[i] ? 1 : 0;
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b], sum[b] / count[b],
                        (double) pos[b] / count[b]));
            }
        }
        return out;
    }

    /** One point of a precision-recall curve: the decision "score >= threshold". */
    public record PrPoint(double threshold, double recall, double precision) {
    }

    public static Confusion[] confusions(boolean[][] gold, boolean[][] predicted, int topics) {
        Confusion[] c = new Confusion[topics];
        for (int t = 0; t < topics; t++) {
            c[t] = Confusion.of(column(gold, t), column(predicted, t));
        }
        return c;
    }

    public static double macroF1(Confusion[] perTopic) {
        return Arrays.stream(perTopic).mapToDouble(Confusion::f1).average().orElse(0.0);
    }

    public static double microF1(Confusion[] perTopic) {
        return Arrays.stream(perTopic).reduce(new Confusion(0, 0, 0, 0), Confusion::plus).f1();
    }

    public static double subsetAccuracy(boolean[][] gold, boolean[][] predicted) {
        if (gold.length == 0) {
            return 0.0;
        }
        int right = 0;
        for (int i = 0; i < gold.length; i++) {
            if (Arrays.equals(gold[i], predicted[i])) {
                right++;
            }
        }
        return (double) right / gold.length;
    }

    public static double hammingLoss(boolean[][] gold, boolean[][] predicted) {
        long wrong = 0;
        long all = 0;
        for (int i = 0; i < gold.length; i++) {
            for (int t = 0; t < gold[i].length; t++) {
                all++;
                if (gold[i][t] != predicted[i][t]) {
                    wrong++;
                }
            }
        }
        return all == 0 ? 0.0 : (double) wrong / all;
    }

    /** Rank-based ROC-AUC with ties averaged; NaN without both classes. */
    public static double rocAuc(boolean[] gold, double[] scores) {
        checkLengths(gold, scores);
        double[] ranks = averageRanks(scores);
        long pos = 0;
        double rankSum = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i]) {
                pos++;
                rankSum += ranks[i];
            }
        }
        long neg = gold.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Average precision (area under the step PR curve, sklearn's definition); NaN without positives. */
    public static double averagePrecision(boolean[] gold, double[] scores) {
        List<PrPoint> curve = prCurve(gold, scores);
        if (curve.isEmpty()) {
            return Double.NaN;
        }
        double ap = 0;
        double prevRecall = 0;
        for (PrPoint p : curve) {
            ap += (p.recall() - prevRecall) * p.precision();
            prevRecall = p.recall();
        }
        return ap;
    }

    /** Precision and recall at every distinct score, highest first; empty without positives. */
    public static List<PrPoint> prCurve(boolean[] gold, double[] scores) {
        checkLengths(gold, scores);
        long positives = IntStream.range(0, gold.length).filter(i -> gold[i]).count();
        if (positives == 0) {
            return List.of();
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<PrPoint> points = new ArrayList<>();
        long tp = 0;
        long predicted = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            predicted++;
            if (gold[i]) {
                tp++;
            }
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[i];
            if (lastOfTie) {
                points.add(new PrPoint(scores[i], (double) tp / positives, (double) tp / predicted));
            }
        }
        return points;
    }

    /** 1-based ranks of {@code values}, tied values sharing the mean of their ranks. */
    static double[] averageRanks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int k = 0;
        while (k < order.length) {
            int end = k;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[k]]) {
                end++;
            }
            double rank = (k + end) / 2.0 + 1;
            for (int j = k; j <= end; j++) {
                ranks[order[j]] = rank;
            }
            k = end + 1;
        }
        return ranks;
    }

    static boolean[] column(boolean[][] m, int t) {
        boolean[] c = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][t];
        }
        return c;
    }

    static double[] column(double[][] m, int t) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][t];
        }
        return c;
    }

    private static void checkLengths(boolean[] gold, double[] scores) {
        if (gold.length != scores.length) {
            throw new IllegalArgumentException("gold and scores differ in length: " + gold.length + " vs "
                    + scores.length);
        }
    }
}

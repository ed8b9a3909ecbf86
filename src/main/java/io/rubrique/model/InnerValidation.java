package io.rubrique.model;

import io.rubrique.config.CalibrationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.config.LearnerConfig;
import io.rubrique.config.ThresholdConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The inner cross-validation of one training set: {@code inner_repeats} times {@code inner_folds} folds, each
 * fold's parts fitted on the other folds only (dictionary included), giving every item's held-out raw score per
 * topic and option variant, once per repeat. What the trainer chooses C, calibrates and sets thresholds on.
 */
final class InnerValidation {
    private final List<LabelledItem> items;
    private final TopicSet topics;
    /** {@code raw[repeat][item][topic][variant]}. */
    private final double[][][][] raw;
    private final List<TopicFitter.Grid> firstRepeatFolds;

    private InnerValidation(List<LabelledItem> items, TopicSet topics, double[][][][] raw,
            List<TopicFitter.Grid> firstRepeatFolds) {
        this.items = items;
        this.topics = topics;
        this.raw = raw;
        this.firstRepeatFolds = firstRepeatFolds;
    }

    /** The inner cross-validation, or null when the config needs none or there are too few items to split. */
    static InnerValidation run(TrainingSet data, ExperimentConfig config, TopicFitter fitter,
            List<List<String>> variants, long seed) {
        List<LabelledItem> items = data.items();
        ThresholdConfig tc = config.thresholds();
        int n = items.size();
        int k = Math.min(tc.innerFolds(), n);
        boolean needed = tc.tuned()
                || config.calibration().calibrator() != CalibrationConfig.Method.NONE || variants.size() > 1;
        if (k < 2 || !needed) {
            return null;
        }
        int repeats = tc.innerRepeats();
        double[][][][] raw = new double[repeats][n][][];
        List<TopicFitter.Grid> first = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            // repeat 0 keeps the seed's own draw, so one repeat is exactly the single inner cross-validation
            long s = r == 0 ? seed : Seeds.derive(seed, r);
            int[] fold = InnerFolds.assign(items, data.topics(), k, new Random(s));
            for (int f = 0; f < k; f++) {
                List<LabelledItem> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f) {
                        test.add(i);
                    } else {
                        train.add(items.get(i));
                    }
                }
                TopicFitter.Grid g = fitter.fitGrid(train, variants);
                if (r == 0) {
                    first.add(g);
                }
                for (int i : test) {
                    raw[r][i] = g.raw(items.get(i));
                }
            }
        }
        return new InnerValidation(items, data.topics(), raw, first);
    }

    /** Held-out raw scores of one topic and variant, every repeat one after the other. */
    double[] heldOut(int topic, int variant) {
        int n = items.size();
        double[] out = new double[raw.length * n];
        for (int r = 0; r < raw.length; r++) {
            for (int i = 0; i < n; i++) {
                out[r * n + i] = raw[r][i][topic][variant];
            }
        }
        return out;
    }

    /** Gold labels of one topic, aligned with {@link #heldOut}. */
    boolean[] gold(int topic) {
        String id = topics.ids().get(topic);
        int n = items.size();
        boolean[] out = new boolean[raw.length * n];
        for (int r = 0; r < raw.length; r++) {
            for (int i = 0; i < n; i++) {
                out[r * n + i] = items.get(i).has(id);
            }
        }
        return out;
    }

    /**
     * Per topic, the variant whose held-out scores rank best ("average-precision") or are best calibrated
     * ("log-loss" after Platt scaling); ties go to the earlier variant (the grid's stronger regularisation first).
     */
    int[] choose(LearnerConfig.Selection metric) {
        int variants = raw[0][0][0].length;
        int[] choice = new int[topics.size()];
        for (int t = 0; t < choice.length; t++) {
            boolean[] g = gold(t);
            double best = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < variants; v++) {
                double[] s = heldOut(t, v);
                double value = metric == LearnerConfig.Selection.LOG_LOSS ? -logLoss(s, g) : averagePrecision(g, s);
                if (value > best + 1e-9) {
                    best = value;
                    choice[t] = v;
                }
            }
        }
        return choice;
    }

    List<TopicFitter.Grid> firstRepeatFolds() {
        return firstRepeatFolds;
    }

    private static double logLoss(double[] raw, boolean[] gold) {
        Calibration c = Calibration.platt(raw, gold);
        double s = 0;
        for (int i = 0; i < raw.length; i++) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, c.probability(raw[i])));
            s -= gold[i] ? Math.log(p) : Math.log(1 - p);
        }
        return s / raw.length;
    }

    /** Average precision with tied scores entering together (as eval.Metrics does); 0 without positives. */
    static double averagePrecision(boolean[] gold, double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = 0;
        for (boolean g : gold) {
            positives += g ? 1 : 0;
        }
        if (positives == 0) {
            return 0;
        }
        double ap = 0;
        double prevRecall = 0;
        long tp = 0;
        for (int k = 0; k < order.length; k++) {
            tp += gold[order[k]] ? 1 : 0;
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                double recall = (double) tp / positives;
                ap += (recall - prevRecall) * ((double) tp / (k + 1));
                prevRecall = recall;
            }
        }
        return ap;
    }
}

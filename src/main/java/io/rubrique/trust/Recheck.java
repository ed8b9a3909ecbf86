package io.rubrique.trust;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.CrossValidator;
import io.rubrique.eval.FoldPlan;
import io.rubrique.eval.FoldResult;
import io.rubrique.eval.Predictions;
import io.rubrique.eval.Progress;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which labels look wrong, per (item, topic), from out-of-fold calibrated scores averaged over repeated, stratified
 * cross-validation, so no item's own label trains the model that judges it. Labels are ranked by self-confidence,
 * the probability the models give the label as given ({@code score} for a given topic, {@code 1 - score} for a
 * missing one), least confident first: cleanlab's default ranking. Each topic's confident-learning thresholds
 * (Northcutt et al. 2021) come from the same cross-validation: {@code t1}, the mean score of the items labelled
 * with the topic, and {@code t0}, the mean {@code 1 - score} of the others; {@code suspicion} is how far the other
 * side's confidence reaches that side's threshold ({@code score / t1} for a missing topic, {@code (1 - score) /
 * t0} for a given one), 1 or more being confident learning's "label issue", and words the reason. Ranking by that
 * ratio instead was measured worse on the pool (experiments/RECHECK.md): it lifts a hard topic's genuine misses.
 */
public final class Recheck {
    /**
     * A label to recheck: the item, the topic, whether the label gives it, the out-of-fold score (a probability
     * of the topic, mean over repeats), how suspect it is (1 or more: confident learning flags it) and why.
     */
    public record Suspect(String id, String topic, boolean given, double score, double suspicion, String reason) {
    }

    /** A topic's confident-learning thresholds: mean score of its positives, mean 1 - score of its negatives. */
    public record Thresholds(String topic, double positive, double negative) {
    }

    private Recheck() {
    }

    /**
     * Cross-validates {@code trainer} on {@code data} ({@code folds} x {@code repeats}, iteratively stratified,
     * seeded) and ranks every (item, topic) label, most suspect first.
     */
    public static List<Suspect> run(TrainingSet data, Trainer trainer, int folds, int repeats, long seed,
            int threads, Progress progress) {
        FoldPlan plan = FoldPlan.stratified(data.items(), data.topics(), folds, repeats, seed);
        List<FoldResult> results = new CrossValidator(trainer, threads).run(data, plan,
                CrossValidator.protocolTasks(plan), progress);
        return rank(data.items(), data.topics(), CrossValidator.pool(data.items(), data.topics(), plan, results, 1.0));
    }

    /** Mean out-of-fold score per item and topic over the repeats. */
    public static double[][] meanScores(List<Predictions> repeats) {
        int n = repeats.get(0).items();
        int nt = repeats.get(0).topics().size();
        double[][] p = new double[n][nt];
        for (Predictions r : repeats) {
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < nt; t++) {
                    p[i][t] += r.scores()[i][t] / repeats.size();
                }
            }
        }
        return p;
    }

    /** Every (item, topic) label, least self-confident first (ties: suspicion, then data order, then topic order). */
    public static List<Suspect> rank(List<LabelledItem> items, TopicSet topics, List<Predictions> repeats) {
        double[][] p = meanScores(repeats);
        List<String> ids = topics.ids();
        List<Suspect> out = new ArrayList<>();
        for (int t = 0; t < ids.size(); t++) {
            Thresholds th = thresholds(items, ids.get(t), p, t);
            for (int i = 0; i < items.size(); i++) {
                boolean given = items.get(i).has(ids.get(t));
                double s = p[i][t];
                double suspicion = given ? (1 - s) / th.negative() : s / th.positive();
                out.add(new Suspect(items.get(i).id(), ids.get(t), given, s, suspicion, reason(th, given, s,
                        suspicion)));
            }
        }
        List<String> order = items.stream().map(LabelledItem::id).toList();
        out.sort(Comparator.comparingDouble((Suspect x) -> x.given() ? x.score() : 1 - x.score())
                .thenComparingDouble(x -> -x.suspicion()).thenComparingInt(x -> order.indexOf(x.id())).thenComparingInt(x -> ids.indexOf(x.topic())));
        return out;
    }

    static Thresholds thresholds(List<LabelledItem> items, String topic, double[][] p, int t) {
        double pos = 0;
        double neg = 0;
        int np = 0;
        int nn = 0;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).has(topic)) {
                pos += p[i][t];
                np++;
            } else {
                neg += 1 - p[i][t];
                nn++;
            }
        }
        // a side without items cannot set a threshold: the neutral 0.5 then
        return new Thresholds(topic, np == 0 ? 0.5 : Math.max(1e-6, pos / np), nn == 0 ? 0.5 : Math.max(1e-6, neg / nn));
    }

    private static String reason(Thresholds th, boolean given, double score, double suspicion) {
        String verdict = suspicion >= 1 ? "looks wrong" : "may be wrong";
        if (given) {
            return String.format(Locale.ROOT, "labelled %s, but the models that did not see it give it %.2f, where "
                    + "items labelled without %s average %.2f: the label %s", th.topic(), score, th.topic(),
                    1 - th.negative(), verdict);
        }
        return String.format(Locale.ROOT, "not labelled %s, but the models that did not see it give it %.2f, where "
                + "items labelled %s average %.2f: the missing topic %s", th.topic(), score, th.topic(),
                th.positive(), verdict);
    }

    /**
     * The first {@code n} suspects of {@code ranked} by distinct item: an item's most suspect topic stands for
     * it, and later topics of an item already listed are skipped.
     */
    public static List<Suspect> distinctItems(List<Suspect> ranked, int n) {
        List<Suspect> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Suspect s : ranked) {
            if (out.size() >= n) {
                break;
            }
            if (seen.add(s.id())) {
                out.add(s);
            }
        }
        return out;
    }
}

package io.rubrique.trust;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.Bootstrap;
import io.rubrique.eval.Confusion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How far two labellers agree, per topic, on the items both labelled: Cohen's kappa (agreement beyond what their
 * topic rates give by chance) and the F1 of one labeller's topics against the other's (symmetric; the figure a
 * model's F1 can be held against: a model scored on one labeller's labels cannot beat, on average, what another
 * careful labeller scores). Each comes with a 95% interval over items ({@link Bootstrap#interval95}, seeded).
 */
public final class Agreement {
    /** One topic: items both labelled, kappa and inter-labeller F1 with intervals (null where undefined). */
    public record TopicAgreement(String topic, int items, Double kappa, List<Double> kappaCi95, double f1,
            List<Double> f1Ci95) {
    }

    private Agreement() {
    }

    /**
     * Per topic in declared order, over the items whose id is in both lists; {@code resamples} bootstrap
     * resamples from {@code seed}.
     */
    public static List<TopicAgreement> of(TopicSet topics, List<LabelledItem> a, List<LabelledItem> b,
            int resamples, long seed) {
        Map<String, LabelledItem> byId = new LinkedHashMap<>();
        b.forEach(i -> byId.put(i.id(), i));
        List<LabelledItem[]> pairs = new ArrayList<>();
        for (LabelledItem i : a) {
            LabelledItem j = byId.get(i.id());
            if (j != null) {
                pairs.add(new LabelledItem[] {i, j});
            }
        }
        int n = pairs.size();
        int[][] draws = new int[resamples][n];
        Random r = new Random(seed);
        for (int[] d : draws) {
            for (int k = 0; k < n; k++) {
                d[k] = r.nextInt(Math.max(1, n));
            }
        }
        List<TopicAgreement> out = new ArrayList<>();
        for (String t : topics.ids()) {
            boolean[] x = new boolean[n];
            boolean[] y = new boolean[n];
            for (int k = 0; k < n; k++) {
                x[k] = pairs.get(k)[0].has(t);
                y[k] = pairs.get(k)[1].has(t);
            }
            double kappa = kappa(x, y, null);
            double f1 = Confusion.of(x, y).f1();
            double[] kb = new double[resamples];
            double[] fb = new double[resamples];
            for (int s = 0; s < resamples; s++) {
                kb[s] = kappa(x, y, draws[s]);
                fb[s] = f1(x, y, draws[s]);
            }
            out.add(new TopicAgreement(t, n, Double.isNaN(kappa) ? null : kappa,
                    Double.isNaN(kappa) ? null : Bootstrap.interval95(kb, kappa, -1, 1), f1,
                    n == 0 ? null : Bootstrap.interval95(fb, f1, 0, 1)));
        }
        return out;
    }

    /** Cohen's kappa of two binary labellings (over {@code rows}, or all when null); NaN when chance agreement is 1. */
    static double kappa(boolean[] x, boolean[] y, int[] rows) {
        int n = rows == null ? x.length : rows.length;
        if (n == 0) {
            return Double.NaN;
        }
        double agree = 0;
        double px = 0;
        double py = 0;
        for (int k = 0; k < n; k++) {
            int i = rows == null ? k : rows[k];
            agree += x[i] == y[i] ? 1 : 0;
            px += x[i] ? 1 : 0;
            py += y[i] ? 1 : 0;
        }
        double po = agree / n;
        px /= n;
        py /= n;
        double pe = px * py + (1 - px) * (1 - py);
        return pe >= 1 - 1e-12 ? Double.NaN : (po - pe) / (1 - pe);
    }

    private static double f1(boolean[] x, boolean[] y, int[] rows) {
        boolean[] a = new boolean[rows.length];
        boolean[] b = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            a[k] = x[rows[k]];
            b[k] = y[rows[k]];
        }
        return Confusion.of(a, b).f1();
    }

    /**
     * A note when a model's F1 for the topic reaches what the labellers agree on (the report's rule,
     * {@link io.rubrique.eval.RunReport.LabellerAgreement#ceiling}); null otherwise or when undefined.
     */
    public static String ceilingNote(TopicAgreement a, double modelF1) {
        if (io.rubrique.eval.RunReport.LabellerAgreement.ceiling(a.f1Ci95(), modelF1)
                != io.rubrique.eval.RunReport.Ceiling.AT) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%s: F1 %.3f is at the labellers' agreement ceiling (their F1 "
                + "with each other %.3f [%.3f, %.3f] on %d items); clearer guidelines, not more labels, would lift it",
                a.topic(), modelF1, a.f1(), a.f1Ci95().get(0), a.f1Ci95().get(1), a.items());
    }

    /**
     * The agreement a run reports beside F1 when the label set has second opinions ({@code label --overlap}):
     * first opinions (the label, or the first opinion an adjudication kept) against second opinions, on the items
     * that have both; empty without second opinions. Fails naming file, line and field when the second-opinion
     * file has problems.
     */
    public static java.util.Optional<io.rubrique.eval.RunReport.LabellerAgreement> ofSecondOpinions(
            java.nio.file.Path labels, io.rubrique.data.LabelSet set, long seed) throws java.io.IOException {
        List<io.rubrique.data.SecondOpinions.Pair> pairs = io.rubrique.data.SecondOpinions.pairs(labels, set);
        if (pairs.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<LabelledItem> first = new ArrayList<>();
        List<LabelledItem> second = new ArrayList<>();
        java.util.TreeSet<String> firstBy = new java.util.TreeSet<>();
        java.util.TreeSet<String> secondBy = new java.util.TreeSet<>();
        for (io.rubrique.data.SecondOpinions.Pair p : pairs) {
            LabelledItem i = p.item();
            first.add(new LabelledItem(i.id(), i.kind(), i.source(), i.title(), i.text(), p.first().topics()));
            second.add(new LabelledItem(i.id(), i.kind(), i.source(), i.title(), i.text(), p.second().topics()));
            firstBy.add(p.first().by());
            secondBy.add(p.second().by());
        }
        Map<String, io.rubrique.eval.RunReport.TopicAgreement> per = new LinkedHashMap<>();
        for (TopicAgreement a : of(set.topics(), first, second, Bootstrap.RESAMPLES, seed)) {
            per.put(a.topic(), new io.rubrique.eval.RunReport.TopicAgreement(a.items(), a.kappa(), a.kappaCi95(),
                    a.f1(), a.f1Ci95(), null, io.rubrique.eval.RunReport.Ceiling.CANT_TELL));
        }
        return java.util.Optional.of(new io.rubrique.eval.RunReport.LabellerAgreement(List.copyOf(firstBy),
                List.copyOf(secondBy), pairs.size(), "Cohen's kappa and the labellers' F1 with each other on the items "
                + "both labelled (first opinion, before any adjudication, against second); 95% bootstrap intervals "
                + "over those items (" + Bootstrap.METHOD + "), " + Bootstrap.RESAMPLES + " resamples, seed " + seed, per, List.of()));
    }
}

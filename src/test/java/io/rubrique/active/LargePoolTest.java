package io.rubrique.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.Tagging;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts that keep ranking a large pool fast give the answers of the slow way: maximal marginal relevance
 * over a widening shortlist picks what a pass over every candidate picks, and the committee only sees the
 * candidates the model is least sure of.
 */
class LargePoolTest {
    private static final TopicSet TOPICS = TopicSet.of(List.of(
            new TopicDef("digital", "Digital", "", List.of("numérique")),
            new TopicDef("security", "Security", "", List.of("police"))));
    private static final List<String> WORDS = List.of("port", "riz", "pêche", "route", "école", "santé", "musique",
            "football", "météo", "tourisme", "banque", "usine", "forêt", "fleuve", "marché", "festival", "train",
            "hôpital", "village", "province");

    private static List<LabelledItem> labels() {
        List<LabelledItem> l = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            l.add(new LabelledItem("d" + i, ItemKind.TEASER, "", "", "numérique " + i, Set.of("digital")));
            l.add(new LabelledItem("s" + i, ItemKind.TEASER, "", "", "police " + i, Set.of("security")));
        }
        return l;
    }

    /** Short texts over a small vocabulary, so that many pairs are similar and some are near-duplicates. */
    private static List<Snippet> pool(int n, Random r) {
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("dépêche");
            for (int k = 0; k < 3 + r.nextInt(3); k++) {
                b.append(' ').append(WORDS.get(r.nextInt(WORDS.size())));
            }
            out.add(new Snippet("p" + i, "", b.append(' ').append(i % 3 == 0 ? "" : "n" + i).toString()));
        }
        return out;
    }

    /** The definition: every candidate compared at every step (the implementation before the shortlist). */
    private static List<Integer> mmrOverEveryCandidate(Selection s, double[] values, int n, List<Integer> taken) {
        double[] maxSim = new double[values.length];
        boolean[] used = new boolean[values.length];
        List<Integer> batch = new ArrayList<>(taken);
        taken.forEach(t -> used[t] = true);
        List<Integer> out = new ArrayList<>();
        while (out.size() < n) {
            for (int i = 0; i < values.length; i++) {
                maxSim[i] = 0;
                for (int t : batch) {
                    maxSim[i] = Math.max(maxSim[i], s.vector(i).dot(s.vector(t)));
                }
            }
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < values.length; i++) {
                if (used[i] || Double.isNaN(values[i]) || maxSim[i] >= Diversity.NEAR_DUPLICATE) {
                    continue;
                }
                double score = Diversity.LAMBDA * values[i] - (1 - Diversity.LAMBDA) * maxSim[i];
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            out.add(best);
            batch.add(best);
        }
        return out;
    }

    @Test
    void shortlistedMmrPicksWhatAPassOverEveryCandidatePicks() {
        Random r = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            List<Snippet> pool = pool(300 + r.nextInt(300), r);
            Selection sel = Selection.of(TOPICS, labels(), pool, null, List.of(), trial);
            double[] values = new double[sel.size()];
            for (int i = 0; i < values.length; i++) {
                // coarse values: many ties, which the shortlist must break as the full pass does (lower index)
                values[i] = r.nextInt(10) == 0 ? Double.NaN : Math.round(r.nextDouble() * 20) / 20.0;
            }
            List<Integer> taken = trial % 3 == 0 ? List.of(r.nextInt(sel.size())) : List.of();
            int n = 1 + r.nextInt(40);
            assertEquals(mmrOverEveryCandidate(sel, values, n, taken), Diversity.mmr(sel, values, n, taken),
                    "trial " + trial);
        }
    }

    @Test
    void shortlistedMmrLooksBeyondTheShortlistWhenItsBestAreAllAlike() {
        // 100 versions of one story, valued highest and similar (but not near-duplicates): after the first of
        // them, a diverse item of lower value scores better, and it lies outside the first shortlist
        Random r = new Random(8);
        List<Snippet> pool = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pool.add(new Snippet("c" + i, "", "sommet numérique données cybersécurité coopération plateforme "
                    + "intelligence artificielle réseau câble satellite " + WORDS.get(r.nextInt(WORDS.size())) + " u" + i));
        }
        pool.addAll(pool(300, r));
        Selection sel = Selection.of(TOPICS, labels(), pool, null, List.of(), 1);
        double[] values = new double[sel.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sel.candidates().get(i).id().startsWith("c") ? 0.95 + r.nextDouble() / 20
                    : 0.8 + r.nextDouble() / 20;
        }
        List<Integer> expected = mmrOverEveryCandidate(sel, values, 10, List.of());
        assertTrue(expected.stream().anyMatch(i -> !sel.candidates().get(i).id().startsWith("c")),
                "the case must need a look beyond the shortlist");
        assertEquals(expected, Diversity.mmr(sel, values, 10, List.of()));
    }

    @Test
    void aBatchOfTwentyFromALargePoolVectorizesOnlyAShortlist() {
        List<Snippet> pool = pool(3000, new Random(2));
        Selection sel = Selection.of(TOPICS, labels(), pool, null, List.of(), 1);
        double[] values = new double[sel.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919 % 1000) / 1000.0;
        }
        assertEquals(20, Diversity.mmr(sel, values, 20, List.of()).size());
        assertTrue(sel.vectorized() < 1000, sel.vectorized() + " of " + sel.size() + " candidates vectorized");
    }

    /** Scores a text by a hash of it; counts the texts it was asked about. */
    private record HashModel(int salt, Set<String> asked) implements ScoringModel {
        @Override
        public Tagging tag(String title, String text) {
            asked.add(text);
            double d = new Random(text.hashCode() * 31L + salt).nextDouble();
            double s = new Random(text.hashCode() * 17L + salt).nextDouble();
            List<String> on = new ArrayList<>();
            if (d >= 0.5) {
                on.add("digital");
            }
            if (s >= 0.5) {
                on.add("security");
            }
            return new Tagging(on, PerTopic.ofDoubles(TOPICS, new double[] {d, s}));
        }

        @Override
        public PerTopic<Double> thresholds() {
            return PerTopic.ofDoubles(TOPICS, new double[] {0.5, 0.5});
        }

        @Override
        public TopicSet topics() {
            return TOPICS;
        }
    }

    @Test
    void onALargePoolTheCommitteeSeesOnlyTheItemsTheModelIsLeastSureOf() {
        List<Snippet> pool = pool(400, new Random(3));
        HashModel model = new HashModel(0, ConcurrentHashMap.newKeySet());
        List<HashModel> committee = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            committee.add(new HashModel(k, ConcurrentHashMap.newKeySet()));
        }
        Selection sel = Selection.of(TOPICS, labels(), pool, model, committee, 1);
        List<Pick> picks = new DisagreementStrategy().select(sel, 10, 50);
        assertEquals(10, picks.size());

        // the 50 candidates with the largest uncertainty under the model, ties in pool order
        Map<String, Double> u = new HashMap<>();
        for (Snippet c : sel.candidates()) {
            Tagging t = model.tag(c.title(), c.text());
            u.put(c.text(), Math.max(UncertaintyStrategy.uncertainty(t.score("digital"), 0.5),
                    UncertaintyStrategy.uncertainty(t.score("security"), 0.5)));
        }
        List<String> expected = sel.candidates().stream().map(Snippet::text)
                .sorted((a, b) -> Double.compare(u.get(b), u.get(a))).limit(50).toList();
        for (HashModel m : committee) {
            assertEquals(Set.copyOf(expected), m.asked(), "committee member " + m.salt());
        }
        assertTrue(picks.stream().allMatch(p -> expected.contains(p.item().text())));
    }

    @Test
    void aPoolWithinTheShortlistIsRankedWhole() {
        List<Snippet> pool = pool(120, new Random(4));
        List<HashModel> committee = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            committee.add(new HashModel(k, ConcurrentHashMap.newKeySet()));
        }
        HashModel model = new HashModel(0, ConcurrentHashMap.newKeySet());
        Selection a = Selection.of(TOPICS, labels(), pool, model, committee, 1);
        Selection b = Selection.of(TOPICS, labels(), pool, model, committee, 1);
        List<String> whole = new DisagreementStrategy().select(a, 10, Integer.MAX_VALUE).stream()
                .map(p -> p.item().id()).toList();
        assertEquals(whole, Strategies.get("disagreement").select(b, 10).stream().map(p -> p.item().id()).toList());
        assertEquals(a.size(), committee.get(0).asked().size());
    }

    @Test
    void theSimilarityDictionaryOfALargePoolIsFittedOnASample() {
        List<Snippet> pool = pool(Selection.SPACE_SAMPLE * 3, new Random(6));
        Selection sel = Selection.of(TOPICS, labels(), pool, null, List.of(), 1);
        Set<String> vocabulary = sel.space().vocabulary();
        // two items in three carry a word of their own ("n<i>"): only those of the sample are in the dictionary
        long own = java.util.stream.IntStream.range(0, pool.size()).filter(i -> vocabulary.contains("w:n" + i)).count();
        assertTrue(own > Selection.SPACE_SAMPLE / 2 && own <= Selection.SPACE_SAMPLE, own + " own words");
        assertTrue(sel.vector(sel.size() - 1).nnz() > 0, "an item outside the sample still has its shared words");
    }
}

package io.rubrique.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ScoringModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Selection strategies on hand-made cases: what each ranks first, diversity, skipping, cold start. */
class StrategiesTest {
    private static final TopicSet TOPICS = TopicSet.of(List.of(
            new TopicDef("digital", "Digital", "", List.of("numérique", "internet", "données")),
            new TopicDef("security", "Security", "", List.of("police", "armée", "défense"))));

    private static Snippet s(String id, String text) {
        return new Snippet(id, "", text);
    }

    private static LabelledItem labelled(String id, String text, String... topics) {
        return new LabelledItem(id, ItemKind.TEASER, "", "", text, Set.of(topics));
    }

    /** Three labelled per topic, so nothing is rare unless a test makes it so. */
    private static List<LabelledItem> enoughLabels() {
        List<LabelledItem> l = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            l.add(labelled("d" + i, "la transformation numérique " + i, "digital"));
            l.add(labelled("s" + i, "la police et l'armée " + i, "security"));
        }
        return l;
    }

    private static final List<Snippet> POOL = List.of(
            s("far", "un marché de fruits et légumes au printemps"),
            s("near-digital", "une plateforme de données pour les villes intelligentes"),
            s("sure", "un sommet sur la cybersécurité et la défense nationale"),
            s("near-security", "les garde-côtes patrouillent en mer de l'Est"));

    private static ScoringModel model() {
        Map<String, double[]> scores = new HashMap<>();
        scores.put(POOL.get(0).text(), new double[] {0.02, 0.03});
        scores.put(POOL.get(1).text(), new double[] {0.48, 0.10});
        scores.put(POOL.get(2).text(), new double[] {0.05, 0.97});
        scores.put(POOL.get(3).text(), new double[] {0.10, 0.42});
        return new StubModel(TOPICS, scores, new double[] {0.5, 0.4});
    }

    private static List<String> ids(List<Pick> picks) {
        return picks.stream().map(p -> p.item().id()).toList();
    }

    @Test
    void uncertaintyRanksTheScoreClosestToItsThresholdFirstAndSaysWhy() {
        Selection sel = Selection.of(TOPICS, enoughLabels(), POOL, model(), List.of(), 1);
        List<Pick> picks = Strategies.get("uncertainty").select(sel, 4);
        assertEquals(List.of("near-security", "near-digital"), ids(picks).subList(0, 2));
        Pick first = picks.get(0);
        assertEquals("security", first.reason().topic());
        assertEquals(0.42, first.reason().score(), 1e-9);
        assertEquals(0.4, first.reason().threshold(), 1e-9);
        assertTrue(first.reason().why().contains("0.42") && first.reason().why().contains("0.40"),
                first.reason().why());
        assertEquals(1, first.rank());
        assertEquals("sure", ids(picks).get(3), "the item whose scores are farthest from the thresholds comes last");
    }

    @Test
    void rareUncertaintyPrefersTheTopicWithFewerLabels() {
        List<LabelledItem> labels = new ArrayList<>(enoughLabels());
        for (int i = 3; i < 30; i++) {
            labels.add(labelled("s" + i, "la police et l'armée encore " + i, "security"));
        }
        Map<String, double[]> scores = new HashMap<>();
        scores.put(POOL.get(1).text(), new double[] {0.40, 0.10});
        scores.put(POOL.get(3).text(), new double[] {0.10, 0.40});
        ScoringModel m = new StubModel(TOPICS, scores, new double[] {0.5, 0.5});
        Selection sel = Selection.of(TOPICS, labels, POOL, m, List.of(), 1);
        assertEquals("near-digital", ids(Strategies.get("rare-uncertainty").select(sel, 1)).get(0));
        assertEquals(Set.of("near-digital", "near-security"),
                Set.copyOf(ids(Strategies.get("uncertainty").select(sel, 2))), "both equally unsure unweighted");
    }

    @Test
    void disagreementRanksTheItemTheCommitteeSplitsOnFirstAndNamesTheTopicWithItsScoreThenTheVote() {
        double[] th = {0.5, 0.5};
        List<ScoringModel> committee = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Map<String, double[]> scores = new HashMap<>();
            scores.put(POOL.get(0).text(), new double[] {k < 2 ? 0.9 : 0.1, 0.1});
            scores.put(POOL.get(2).text(), new double[] {0.1, 0.9});
            committee.add(new StubModel(TOPICS, scores, th));
        }
        Selection sel = Selection.of(TOPICS, enoughLabels(), POOL, committee.get(0), committee, 1);
        List<Pick> picks = Strategies.get("disagreement").select(sel, 2);
        assertEquals("far", picks.get(0).item().id());
        assertEquals("disagreement", picks.get(0).reason().kind());
        assertEquals(TOPICS.ids().get(0), picks.get(0).reason().topic());
        assertEquals(TOPICS.ids().get(0) + " scores 0.90 against a threshold of 0.50; 2 of 4 fold models tag it",
                picks.get(0).reason().why());
    }

    @Test
    void randomIsReproducibleFromItsSeedAndVariesWithIt() {
        List<Snippet> pool = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pool.add(s("p" + i, "texte numéro " + i + " sur un sujet " + (i % 7)));
        }
        List<String> a = ids(Strategies.get("random").select(Selection.of(TOPICS, enoughLabels(), pool, null,
                List.of(), 3), 10));
        List<String> b = ids(Strategies.get("random").select(Selection.of(TOPICS, enoughLabels(), pool, null,
                List.of(), 3), 10));
        List<String> c = ids(Strategies.get("random").select(Selection.of(TOPICS, enoughLabels(), pool, null,
                List.of(), 4), 10));
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void noBatchHoldsTwoNearDuplicates() {
        List<Snippet> pool = new ArrayList<>();
        Map<String, double[]> scores = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            // ten versions of one story, all equally uncertain, and ten distinct stories a little less so
            Snippet dup = s("dup" + i, "le ministère lance une plateforme numérique de données ouvertes pour les "
                    + "citoyens et les entreprises du pays, version " + i);
            Snippet other = s("other" + i, String.join(" ", List.of("sujet", "distinct", "numéro", "" + i,
                    List.of("pêche", "riz", "football", "musique", "tourisme", "météo", "santé", "école", "route",
                            "port").get(i))));
            pool.add(dup);
            pool.add(other);
            scores.put(dup.text(), new double[] {0.5, 0.0});
            scores.put(other.text(), new double[] {0.4, 0.0});
        }
        ScoringModel m = new StubModel(TOPICS, scores, new double[] {0.5, 0.5});
        Selection sel = Selection.of(TOPICS, enoughLabels(), pool, m, List.of(), 1);
        for (String strategy : List.of("uncertainty", "rare-uncertainty", "cold-start")) {
            List<Pick> picks = Strategies.get(strategy).select(sel, 8);
            for (int i = 0; i < picks.size(); i++) {
                for (int j = i + 1; j < picks.size(); j++) {
                    double cos = Diversity.cosine(sel.vector(sel.candidates().indexOf(picks.get(i).item())),
                            sel.vector(sel.candidates().indexOf(picks.get(j).item())));
                    assertTrue(cos < Diversity.NEAR_DUPLICATE, strategy + ": " + picks.get(i).item().id() + " and "
                            + picks.get(j).item().id() + " are near-duplicates (cosine " + cos + ")");
                }
            }
            assertEquals(1, picks.stream().filter(p -> p.item().id().startsWith("dup")).count(), strategy);
        }
    }

    @Test
    void labelledItemsAndPoolDuplicatesAreSkipped() {
        List<LabelledItem> labels = enoughLabels();
        List<Snippet> pool = List.of(s("again", "La  transformation numérique 0"), s("x", "un texte neuf"),
                s("x2", "Un texte neuf"), s("d1", "autre texte, même id qu'un item labellisé"));
        Selection sel = Selection.of(TOPICS, labels, pool, null, List.of(), 1);
        assertEquals(List.of("x"), sel.candidates().stream().map(Snippet::id).toList());
        assertEquals(2, sel.skippedLabelled());
        assertEquals(1, sel.skippedDuplicates());
    }

    @Test
    void aColdStartSeeksTheRareTopicsBySeedWordsThenCoversThePool() {
        List<LabelledItem> labels = List.of(labelled("s0", "la police", "security"),
                labelled("s1", "l'armée", "security"), labelled("s2", "la défense", "security"));
        List<Snippet> pool = new ArrayList<>(POOL);
        pool.add(s("seedy", "Internet et données : la transformation numérique des services publics"));
        Selection sel = Selection.of(TOPICS, labels, pool, null, List.of(), 1);
        assertTrue(sel.coldStart());
        assertEquals(List.of("digital"), sel.rareTopics());
        List<Pick> picks = Strategies.get("default").select(sel, 4);
        assertEquals("seedy", picks.get(0).item().id());
        assertEquals("seed-words", picks.get(0).reason().kind());
        assertEquals("digital", picks.get(0).reason().topic());
        assertTrue(picks.stream().skip(1).allMatch(p -> p.reason().kind().equals("diverse")
                || p.reason().kind().equals("seed-words")));
        assertEquals(4, Set.copyOf(ids(picks)).size());
    }

    @Test
    void unknownStrategyNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.get("magic"));
        assertTrue(e.getMessage().contains("uncertainty") && e.getMessage().contains("random"), e.getMessage());
        assertFalse(Strategies.ids().isEmpty());
        assertEquals(Strategies.DEFAULT, Strategies.get("default").id());
    }
}

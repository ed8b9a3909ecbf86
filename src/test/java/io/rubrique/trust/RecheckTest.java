package io.rubrique.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.Predictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Confident-learning ranking of labels that look wrong. */
class RecheckTest {
    private static final TopicSet TOPICS = TopicSet.ofIds("easy", "hard");

    private static LabelledItem item(String id, String... topics) {
        return new LabelledItem(id, ItemKind.ARTICLE, "test", "t " + id, "x " + id, Set.of(topics));
    }

    /**
     * "easy": positives score 0.9, negatives 0.1, and one positive scores 0.5 (a doubtful but right label). "hard":
     * its positives score 0.35, its negatives 0.1 to 0.3, and one item left without it scores 0.45 (a missing
     * label).
     */
    private static List<Object> data() {
        List<LabelledItem> items = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean easy = i % 2 == 0;
            boolean hard = i % 4 == 1;
            items.add(easy && hard ? item("i" + i, "easy", "hard") : easy ? item("i" + i, "easy")
                    : hard ? item("i" + i, "hard") : item("i" + i));
            scores.add(new double[] {easy ? 0.9 : 0.1, hard ? 0.35 : 0.1 + 0.01 * i});
        }
        items.add(item("doubtful-easy", "easy"));
        scores.add(new double[] {0.5, 0.1});
        items.add(item("missing-hard"));
        scores.add(new double[] {0.1, 0.45});
        int n = items.size();
        boolean[][] gold = new boolean[n][2];
        double[][] s = scores.toArray(new double[0][]);
        double[][] th = new double[n][];
        for (int i = 0; i < n; i++) {
            gold[i][0] = items.get(i).has("easy");
            gold[i][1] = items.get(i).has("hard");
            th[i] = new double[] {0.5, 0.3};
        }
        return List.of(items, List.of(new Predictions(0, TOPICS, gold, s, th, new int[n])));
    }

    @SuppressWarnings("unchecked")
    private static List<Recheck.Suspect> ranked() {
        List<Object> d = data();
        return Recheck.rank((List<LabelledItem>) d.get(0), TOPICS, (List<Predictions>) d.get(1));
    }

    @Test
    void labelsAreRankedLeastSelfConfidentFirstAndFlaggedByEachTopicsOwnThresholds() {
        List<Recheck.Suspect> ranked = ranked();
        Recheck.Suspect first = ranked.get(0);
        assertEquals("hard", first.topic(), "hard's positives, given at 0.35, are the least confident: " + first);
        assertTrue(first.given());
        assertTrue(first.suspicion() < 1, "but not flagged: hard's negatives are not sure enough " + first);
        Recheck.Suspect doubtful = find(ranked, "doubtful-easy", "easy");
        assertTrue(doubtful.suspicion() < 1, "not flagged: items without easy are 0.9 sure of it " + doubtful);
        assertTrue(doubtful.reason().contains("may be wrong"), doubtful.reason());
        Recheck.Suspect missing = find(ranked, "missing-hard", "hard");
        assertFalse(missing.given());
        assertEquals(0.45, missing.score(), 1e-12);
        assertTrue(missing.suspicion() >= 1, "flagged: it scores above what hard's positives average " + missing);
        assertTrue(missing.reason().contains("missing topic looks wrong"), missing.reason());
        assertTrue(ranked.indexOf(doubtful) < ranked.indexOf(missing), "0.5 sure of its label before 0.55");
        for (int k = 1; k < ranked.size(); k++) {
            Recheck.Suspect a = ranked.get(k - 1);
            Recheck.Suspect b = ranked.get(k);
            assertTrue((a.given() ? a.score() : 1 - a.score()) <= (b.given() ? b.score() : 1 - b.score()) + 1e-12);
        }
        assertEquals(2 * 22, ranked.size(), "every (item, topic) label is ranked");
    }

    private static Recheck.Suspect find(List<Recheck.Suspect> ranked, String id, String topic) {
        return ranked.stream().filter(x -> x.id().equals(id) && x.topic().equals(topic)).findFirst().orElseThrow();
    }

    @Test
    void distinctItemsKeepsEachItemsMostSuspectTopicOnce() {
        List<Recheck.Suspect> ranked = ranked();
        List<Recheck.Suspect> top = Recheck.distinctItems(ranked, 10);
        assertEquals(10, top.size());
        assertEquals(10, top.stream().map(Recheck.Suspect::id).distinct().count());
        assertEquals(ranked.get(0), top.get(0));
    }
}

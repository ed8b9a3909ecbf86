package io.rubrique.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cohen's kappa and inter-labeller F1 per topic, on the items two labellers share. */
class AgreementTest {
    private static final TopicSet TOPICS = TopicSet.ofIds("x", "y");

    private static LabelledItem item(String id, boolean x, boolean y) {
        Set<String> t = x && y ? Set.of("x", "y") : x ? Set.of("x") : y ? Set.of("y") : Set.of();
        return new LabelledItem(id, ItemKind.ARTICLE, "s", "t", "text " + id, t);
    }

    @Test
    void kappaMatchesTheTextbookTableAndOnlySharedItemsCount() {
        // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no on x: po 0.7, pe 0.5, kappa 0.4; y always no for both
        List<LabelledItem> a = new ArrayList<>();
        List<LabelledItem> b = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean xa = i < 25;
            boolean xb = i < 20 || (i >= 25 && i < 35);
            a.add(item("i" + i, xa, false));
            b.add(item("i" + i, xb, false));
        }
        a.add(item("only-a", true, true));
        b.add(item("only-b", true, true));
        List<Agreement.TopicAgreement> r = Agreement.of(TOPICS, a, b, 500, 1);
        Agreement.TopicAgreement x = r.get(0);
        assertEquals(50, x.items());
        assertEquals(0.4, x.kappa(), 1e-9);
        assertTrue(x.kappaCi95().get(0) <= 0.4 && 0.4 <= x.kappaCi95().get(1), x.toString());
        assertTrue(x.kappaCi95().get(1) - x.kappaCi95().get(0) > 0.1, "an interval, not a point: " + x);
        assertEquals(2.0 * 20 / (2 * 20 + 5 + 10), x.f1(), 1e-9);
        assertNull(r.get(1).kappa(), "no variation on y: kappa undefined");
    }

    @Test
    void aModelF1AtTheLabellersF1IsCalledAtTheCeiling() {
        Agreement.TopicAgreement t = new Agreement.TopicAgreement("x", 40, 0.7, List.of(0.5, 0.85), 0.8,
                List.of(0.7, 0.9));
        assertNotNull(Agreement.ceilingNote(t, 0.75));
        assertTrue(Agreement.ceilingNote(t, 0.75).contains("agreement ceiling"));
        assertNull(Agreement.ceilingNote(t, 0.6));
    }
}

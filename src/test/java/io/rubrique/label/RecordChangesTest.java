package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.SecondOpinions;
import io.rubrique.util.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a recheck and an adjudication rewrite a label record, and which items overlap asks a second opinion on. */
class RecordChangesTest {
    private static final Instant AT = Instant.parse("2026-12-08T01:00:00Z");

    private static ObjectNode record() throws Exception {
        return (ObjectNode) Json.mapper().readTree("{\"id\":\"a\",\"kind\":\"teaser\",\"text\":\"x\","
                + "\"topics\":[\"security\"],\"provenance\":{\"labelled_by\":\"ana\"}}");
    }

    @Test
    void aChangedRecheckKeepsTheOldTopicsWhoAndWhen() throws Exception {
        ObjectNode r = RecordChanges.recheck(LabelFixtures.topics(), List.of("digital", "security"), "lea", AT,
                "looks wrong").apply(record());
        assertEquals("[\"digital\",\"security\"]", r.get("topics").toString(), "declared order");
        assertEquals("ana", r.at("/provenance/labelled_by").asText(), "the first provenance stays");
        assertEquals("lea", r.at("/provenance/rechecked_by").asText());
        assertEquals("2026-12-08T01:00:00Z", r.at("/provenance/rechecked_at").asText());
        assertEquals("[\"security\"]", r.at("/provenance/previous_topics").toString());
        assertEquals("changed", r.at("/provenance/recheck").asText());
        assertEquals("looks wrong", r.at("/provenance/recheck_reason").asText());
        assertTrue(RecordChanges.rechecked(r));
    }

    @Test
    void keepingALabelRecordsThatItWasChecked() throws Exception {
        ObjectNode r = RecordChanges.recheck(LabelFixtures.topics(), List.of("security"), "lea", AT, "why")
                .apply(record());
        assertEquals("kept", r.at("/provenance/recheck").asText());
        assertEquals("[\"security\"]", r.get("topics").toString());
        assertTrue(RecordChanges.rechecked(r));
    }

    @Test
    void anAdjudicationKeepsBothOpinionsFirstLabellersFirst() throws Exception {
        LabelledItem item = new LabelledItem("a", ItemKind.TEASER, "", "", "x", Set.of("security"));
        SecondOpinions.Pair pair = new SecondOpinions.Pair(item, new SecondOpinions.Opinion("ana", Set.of("security"),
                "t1"), new SecondOpinions.Opinion("bob", Set.of(), "t2"), Set.of("security"), false);
        ObjectNode r = RecordChanges.adjudicate(LabelFixtures.topics(), pair, List.of(), "lea", AT).apply(record());
        assertEquals("[]", r.get("topics").toString());
        assertEquals("lea", r.at("/provenance/adjudicated_by").asText());
        assertEquals("2026-12-08T01:00:00Z", r.at("/provenance/adjudicated_at").asText());
        assertEquals("[{\"by\":\"ana\",\"topics\":[\"security\"],\"at\":\"t1\"},{\"by\":\"bob\",\"topics\":[],"
                + "\"at\":\"t2\"}]", r.at("/provenance/opinions").toString());
    }

    @Test
    void overlapAsksForItsShareOfOtherLabellersItemsMostUncertainFirst() {
        List<LabelledItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(new LabelledItem("i" + i, ItemKind.TEASER, "", "", "t" + i, Set.of()));
        }
        Map<String, String> by = new java.util.HashMap<>();
        items.forEach(i -> by.put(i.id(), "ana"));
        by.put("i0", "bob");
        by.put("i1", "bob");
        // 18 items are ana's: 20% of them is 4; one (i5) has a second opinion already, so 3 are asked
        List<String> ask = OverlapPlan.toAsk(items, by, Set.of("i5"), "bob", 0.2, 7,
                i -> Integer.parseInt(i.id().substring(1)) % 10);
        assertEquals(List.of("i10", "i11"), ask.subList(0, 2), "margins 0 and 1 first: " + ask);
        assertTrue(Set.of("i2", "i12").contains(ask.get(2)), "then one of the margin-2 items, by seed: " + ask);
        assertEquals(3, ask.size());
        assertTrue(!ask.contains("i0") && !ask.contains("i1") && !ask.contains("i5"), ask.toString());
        List<String> noModel = OverlapPlan.toAsk(items, by, Set.of(), "bob", 0.2, 7, null);
        assertEquals(noModel, OverlapPlan.toAsk(items, by, Set.of(), "bob", 0.2, 7, null), "same seed, same items");
        assertEquals(4, noModel.size());
        assertTrue(!noModel.equals(OverlapPlan.toAsk(items, by, Set.of(), "bob", 0.2, 8, null)),
                "another seed orders them otherwise");
        assertEquals(List.of(), OverlapPlan.toAsk(items, by, Set.of(), "bob", 0, 7, null));
    }
}

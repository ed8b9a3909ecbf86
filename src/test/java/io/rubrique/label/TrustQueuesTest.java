package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.active.Strategies;
import io.rubrique.data.Candidate;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.SecondOpinions;
import io.rubrique.trust.Recheck;
import io.rubrique.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's Recheck and Review queues and second opinions, on files, without a browser. */
class TrustQueuesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private LabelSession session(Path labels, String who, LabelSession.Trust trust, List<Candidate> pool)
            throws Exception {
        LabelStore store = new LabelStore(labels.resolve("snippets.jsonl"), labels, LabelFixtures.topics());
        return new LabelSession(LabelFixtures.topics(), pool, store, who, Strategies.get("random"), null, null,
                CLOCK, trust);
    }

    private static JsonNode record(Path file, String id) throws Exception {
        for (String line : Files.readAllLines(file)) {
            JsonNode n = Json.mapper().readTree(line);
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError(id + " not in " + file);
    }

    @Test
    void aRecheckReplacesOnlyItsRecordAndKeepRecordsTheCheck() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        Path suspects = Files.writeString(tmp.resolve("recheck.jsonl"), """
                {"id":"l2","topic":"digital","given":true,"score":0.08,"suspicion":1.4,"reason":"labelled digital, but"}
                {"id":"l1","topic":"digital","given":false,"score":0.7,"suspicion":1.1,"reason":"not labelled digital"}
                {"id":"l2","topic":"security","given":false,"score":0.6,"suspicion":0.9,"reason":"missing security"}
                {"id":"gone","topic":"digital","given":true,"score":0.1,"suspicion":1.0,"reason":"no longer labelled"}
                """);
        LabelSession s = session(labels, "lea", new LabelSession.Trust(0, 42, RecheckFile.read(suspects)),
                LabelFixtures.pool(2));
        List<String> before = Files.readAllLines(labels.resolve("snippets.jsonl"));

        LabelSession.RecheckItem first = s.nextRecheck().orElseThrow();
        assertEquals("l2", first.item().id());
        assertEquals(2, first.left(), "l2 and l1; an id no longer labelled is left out");
        assertEquals(List.of("digital", "security"), first.suspects().stream().map(Recheck.Suspect::topic).toList());
        s.recheck("l2", List.of("party-congress"));

        List<String> after = Files.readAllLines(labels.resolve("snippets.jsonl"));
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(2), after.get(2));
        JsonNode l2 = record(labels.resolve("snippets.jsonl"), "l2");
        assertEquals("[\"party-congress\"]", l2.get("topics").toString());
        assertEquals("lea", l2.at("/provenance/rechecked_by").asText());
        assertEquals("[\"digital\"]", l2.at("/provenance/previous_topics").toString());
        assertEquals("2026-12-08T01:00:00Z", l2.at("/provenance/rechecked_at").asText());
        assertEquals("changed", l2.at("/provenance/recheck").asText());

        assertEquals("l1", s.nextRecheck().orElseThrow().item().id());
        s.recheck("l1", List.of("security"));
        assertEquals("kept", record(labels.resolve("snippets.jsonl"), "l1").at("/provenance/recheck").asText());
        assertTrue(s.nextRecheck().isEmpty(), "both checked");
        assertThrows(LabelStore.Refused.class, () -> s.recheck("l3", List.of()), "l3 is not in the queue");
        assertEquals(3, LabelReader.read(labels).items().size(), "the set still validates");
    }

    @Test
    void aSecondOpinionIsBlindGoesToItsOwnFileAndADisagreementIsAdjudicatedWithBothOpinions() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelSession bob = session(labels, "bob", new LabelSession.Trust(0.34, 3, List.of()), LabelFixtures.pool(3));
        LabelSession.Next n = bob.next().orElseThrow();
        assertTrue(n.secondOpinionOf() != null, "ceil(0.34 x 3) = 2 of the 3 labelled items come first");
        assertEquals(null, n.suggestion(), "nothing pre-ticked");
        String id = n.item().id();
        bob.saveOpinion(id, List.of());
        LabelSession.Next n2 = bob.next().orElseThrow();
        assertTrue(n2.secondOpinionOf() != null && !n2.item().id().equals(id));
        LabelledItem firstLabel = LabelReader.read(labels).items().stream().filter(i -> i.id().equals(n2.item().id()))
                .findFirst().orElseThrow();
        bob.saveOpinion(n2.item().id(), List.copyOf(firstLabel.topics()));
        assertTrue(bob.next().orElseThrow().secondOpinionOf() == null, "the share is reached: pool items next");
        assertThrows(LabelStore.Refused.class, () -> bob.saveOpinion(id, List.of("digital")), "one per item");

        Path so = labels.resolve(SecondOpinions.FILE);
        assertEquals("bob", record(so, id).at("/provenance/labelled_by").asText());
        assertEquals(0.34, record(so, id).at("/provenance/overlap").asDouble());
        assertEquals(3, LabelReader.read(labels).items().size(), "train still sees one label per item");

        LabelSession lea = session(labels, "lea", LabelSession.Trust.none(), List.of());
        LabelSession.ReviewItem r = lea.nextReview().orElseThrow();
        assertEquals(1, r.left(), "the item bob agreed on is no disagreement");
        assertEquals(id, r.pair().item().id());
        assertEquals(Set.of(), r.pair().second().topics());
        lea.adjudicate(id, List.of("digital"));
        JsonNode rec = record(labels.resolve("snippets.jsonl"), id);
        assertEquals("[\"digital\"]", rec.get("topics").toString());
        assertEquals("lea", rec.at("/provenance/adjudicated_by").asText());
        assertEquals("bob", rec.at("/provenance/opinions/1/by").asText());
        assertEquals("[]", rec.at("/provenance/opinions/1/topics").toString());
        assertEquals(1, rec.at("/provenance/opinions/0/topics").size(), "the first label: one topic, as in the fixture");
        assertTrue(lea.nextReview().isEmpty());
        assertThrows(LabelStore.Refused.class, () -> lea.adjudicate(id, List.of()), "adjudicated once");
        SecondOpinions.Pair after = SecondOpinions.pairs(labels, LabelReader.read(labels)).get(0);
        assertTrue(after.adjudicated() && after.disagree(), "agreement still compares the two opinions");
    }

    @Test
    void aLabellerIsNotAskedASecondOpinionOnTheirOwnItemsAndUndoTakesAnOpinionBack() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelSession ana = session(labels, "ana", LabelSession.Trust.none(), LabelFixtures.pool(1));
        ana.save("p0", List.of("digital"));
        LabelSession anaAgain = session(labels, "ana", new LabelSession.Trust(1.0, 1, List.of()), List.of());
        assertThrows(LabelStore.Refused.class, () -> anaAgain.saveOpinion("p0", List.of()));
        String asked = anaAgain.next().orElseThrow().item().id();
        assertFalse(asked.equals("p0"));
        anaAgain.saveOpinion(asked, List.of());
        assertTrue(Files.readString(labels.resolve(SecondOpinions.FILE)).contains("\"" + asked + "\""));
        assertEquals(asked, anaAgain.undo().orElseThrow());
        assertFalse(Files.readString(labels.resolve(SecondOpinions.FILE)).contains("\"" + asked + "\""));
    }

    @Test
    void anInboxItemsDateIsKeptOnItsLabel() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        Candidate dated = new Candidate("d1", ItemKind.TEASER, "vna", "Daté", "Un article daté.",
                LocalDate.parse("2026-11-05"));
        LabelSession s = session(labels, "ana", LabelSession.Trust.none(), List.of(dated));
        s.save("d1", List.of());
        assertEquals("2026-11-05", record(labels.resolve("snippets.jsonl"), "d1").get("date").asText());
        assertEquals(4, LabelReader.read(labels).items().size());
    }
}

package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.active.Strategies;
import io.rubrique.data.Candidate;
import io.rubrique.data.LabelReader;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving labels: validated, never duplicated, safe with concurrent writers, undoable, with provenance. */
class LabelStoreTest {
    @TempDir
    Path tmp;

    private LabelStore store(Path labels) throws Exception {
        return new LabelStore(labels.resolve("snippets.jsonl"), labels, LabelFixtures.topics());
    }

    @Test
    void aSavedRecordIsReadBackByTrainingExactlyAsValidateWouldAcceptIt() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelStore s = store(labels);
        Candidate c = LabelFixtures.pool(1).get(0);
        s.append(s.record(c, List.of("bilateral-relations", "digital"), Map.of("labelled_by", "ana")));
        var read = LabelReader.read(labels);
        assertEquals(4, read.items().size());
        assertEquals(List.of("digital", "bilateral-relations"), List.copyOf(read.items().get(3).topics()),
                "topics are written in the declared order");
    }

    @Test
    void aBadRecordIsRefusedWithTheValidatorsMessageAndNothingIsWritten() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelStore s = store(labels);
        byte[] before = Files.readAllBytes(s.file());
        LabelStore.Refused e = assertThrows(LabelStore.Refused.class, () -> s.append(
                "{\"id\":\"p9\",\"kind\":\"teaser\",\"text\":\"ok\",\"topics\":[\"economy\"]}"));
        assertTrue(e.getMessage().contains("unknown topic 'economy' (known: digital"), e.getMessage());
        assertFalse(e.duplicate());
        LabelStore.Refused control = assertThrows(LabelStore.Refused.class, () -> s.append(
                "{\"id\":\"p9\",\"kind\":\"teaser\",\"text\":\"bad \\u0007 bell\",\"topics\":[]}"));
        assertTrue(control.getMessage().contains("text: control character U+0007"), control.getMessage());
        assertEquals(new String(before), Files.readString(s.file()));
    }

    @Test
    void theSameItemIsNeverLabelledTwice() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelStore s = store(labels);
        Candidate c = LabelFixtures.pool(1).get(0);
        s.append(s.record(c, List.of(), Map.of()));
        LabelStore.Refused again = assertThrows(LabelStore.Refused.class, () -> s.append(s.record(c,
                List.of("digital"), Map.of())));
        assertTrue(again.duplicate(), again.getMessage());
        Candidate sameText = new Candidate("other-id", c.kind(), c.source(), c.title(), c.text());
        assertTrue(assertThrows(LabelStore.Refused.class, () -> s.append(s.record(sameText, List.of(), Map.of())))
                .duplicate());
        assertEquals(4, LabelReader.read(labels).items().size());
    }

    @Test
    void twoConcurrentWritersLoseNothingAndCorruptNothing() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelStore a = store(labels);
        LabelStore b = store(labels);
        List<Candidate> pool = LabelFixtures.pool(40);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                LabelStore s = w == 0 ? a : b;
                int ww = w;
                fs.add(ex.submit(() -> {
                    go.await();
                    for (int i = ww; i < pool.size(); i += 2) {
                        s.append(s.record(pool.get(i), List.of("digital"), Map.of("writer", ww)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            ex.shutdownNow();
        }
        var read = LabelReader.read(labels);
        assertEquals(3 + 40, read.items().size());
        Set<String> ids = new HashSet<>();
        read.items().forEach(i -> ids.add(i.id()));
        assertEquals(43, ids.size());
    }

    @Test
    void undoRemovesTheLastSaveOfTheSessionAndPutsTheItemBackFirst() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        LabelSession session = new LabelSession(LabelFixtures.topics(), LabelFixtures.pool(5), store(labels), "ana",
                Strategies.get("random"), null, null, Clock.systemUTC());
        String first = session.next().orElseThrow().item().id();
        session.save(first, List.of("digital"));
        String second = session.next().orElseThrow().item().id();
        session.save(second, List.of());
        assertEquals(second, session.undo().orElseThrow());
        assertEquals(second, session.next().orElseThrow().item().id(), "the undone item is shown again");
        var read = LabelReader.read(labels);
        assertEquals(4, read.items().size());
        assertTrue(read.items().stream().anyMatch(i -> i.id().equals(first)));
        assertEquals(first, session.undo().orElseThrow());
        assertTrue(session.undo().isEmpty(), "labels of earlier sessions are never undone");
        assertEquals(3, LabelReader.read(labels).items().size());
    }

    @Test
    void eachSavedLabelRecordsWhereItCameFrom() throws Exception {
        Path labels = LabelFixtures.labelSet(tmp);
        TopicSet topics = LabelFixtures.topics();
        List<Candidate> pool = LabelFixtures.pool(3);
        Map<String, double[]> scores = new java.util.HashMap<>();
        for (Candidate c : pool) {
            scores.put(c.text(), new double[] {0.8, 0.1, 0.2, 0.45});
        }
        var model = new io.rubrique.active.StubModelAccess(topics, scores, new double[] {0.5, 0.5, 0.5, 0.5});
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        LabelSession session = new LabelSession(topics, pool, store(labels), "ana", Strategies.get("uncertainty"),
                model, "abc123", clock);
        LabelSession.Next n = session.next().orElseThrow();
        assertEquals(List.of("digital"), n.suggestion().topics());
        JsonNode saved = Json.mapper().readTree(session.save(n.item().id(), List.of("digital",
                "bilateral-relations")));
        JsonNode p = saved.get("provenance");
        assertEquals("2026-12-01T10:00:00Z", p.get("labelled_at").asText());
        assertEquals("ana", p.get("labelled_by").asText());
        assertEquals("abc123", p.get("model_sha256").asText());
        assertEquals("[\"digital\"]", p.get("suggested_topics").toString());
        assertEquals(0.8, p.get("suggested_scores").get("digital").asDouble(), 1e-9);
        assertFalse(p.get("accepted").asBoolean(), "the labeller changed the suggestion");
        assertEquals("[\"bilateral-relations\"]", p.get("added").toString());
        assertEquals("[]", p.get("removed").toString());
        assertEquals("uncertainty", p.get("strategy").asText());
        assertEquals(n.pick().reason().why(), p.get("reason").asText(), "the reason the item was shown for");
        LabelSession.Next n2 = session.next().orElseThrow();
        JsonNode accepted = Json.mapper().readTree(session.save(n2.item().id(), List.of("digital")));
        assertTrue(accepted.at("/provenance/accepted").asBoolean());
    }
}

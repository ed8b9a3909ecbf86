package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second-opinion record format: kept out of the label set, checked like labels, paired with first opinions. */
class SecondOpinionsTest {
    @TempDir
    Path tmp;

    private Path labels() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("labels"));
        Files.copy(SeedLabels.TOPICS, dir.resolve("topics.json"));
        Files.writeString(dir.resolve("snippets.jsonl"), """
                {"id":"a","kind":"teaser","title":"A","text":"Texte a.","topics":["security"],"provenance":{"labelled_by":"ana","labelled_at":"2026-12-01T10:00:00Z"}}
                {"id":"b","kind":"teaser","title":"B","text":"Texte b.","topics":["digital"],"provenance":{"labelled_by":"ana","adjudicated_by":"lea","opinions":[{"by":"ana","topics":["digital","security"],"at":"t1"},{"by":"bob","topics":["digital"],"at":"t2"}]}}
                {"id":"c","kind":"teaser","title":"C","text":"Texte c.","topics":[]}
                """);
        return dir;
    }

    @Test
    void theSecondOpinionFileIsNotPartOfTheLabelSetSoTrainSeesOneLabelPerItem() throws IOException {
        Path dir = labels();
        Files.writeString(dir.resolve(SecondOpinions.FILE), """
                {"id":"a","kind":"teaser","title":"A","text":"Texte a.","topics":[],"provenance":{"labelled_by":"bob"}}
                """);
        LabelSet set = LabelReader.read(dir);
        assertEquals(List.of("a", "b", "c"), set.items().stream().map(LabelledItem::id).toList());
        assertFalse(set.files().contains(dir.resolve(SecondOpinions.FILE)));
    }

    @Test
    void badSecondOpinionsAreReportedAsFileLineField() throws IOException {
        Path dir = labels();
        Path so = Files.writeString(dir.resolve(SecondOpinions.FILE), """
                {"id":"a","kind":"teaser","title":"A","text":"Texte a.","topics":["sport"]}
                {"id":"zz","kind":"teaser","title":"Z","text":"Texte z.","topics":[]}
                {"id":"a","kind":"teaser","title":"A","text":"Texte a.","topics":[]}
                """);
        LabelSet set = LabelReader.read(dir);
        List<String> p = SecondOpinions.problems(so, set.topics(), set.items()).stream().map(LabelProblem::toString)
                .toList();
        assertTrue(p.get(0).startsWith(so + ":1: topics: unknown topic 'sport'"), p.toString());
        assertTrue(p.get(1).startsWith(so + ":2: id: 'zz' is not an item of the label set"), p.toString());
        assertTrue(p.get(2).startsWith(so + ":3: id: duplicate id 'a'"), p.toString());
        LabelException e = assertThrows(LabelException.class, () -> SecondOpinions.pairs(dir, set));
        assertTrue(e.getMessage().contains(so + ":2: id:"), e.getMessage());
    }

    @Test
    void pairsTakeTheFirstOpinionFromTheLabelOrFromWhatAnAdjudicationKept() throws IOException {
        Path dir = labels();
        Files.writeString(dir.resolve(SecondOpinions.FILE), """
                {"id":"a","kind":"teaser","title":"A","text":"Texte a.","topics":[],"provenance":{"labelled_by":"bob","labelled_at":"2026-12-02T10:00:00Z"}}
                {"id":"b","kind":"teaser","title":"B","text":"Texte b.","topics":["digital"],"provenance":{"labelled_by":"bob"}}
                {"id":"c","kind":"teaser","title":"C","text":"Texte c.","topics":[],"provenance":{"labelled_by":"bob"}}
                """);
        List<SecondOpinions.Pair> pairs = SecondOpinions.pairs(dir, LabelReader.read(dir));
        assertEquals(3, pairs.size());
        SecondOpinions.Pair a = pairs.get(0);
        assertEquals(new SecondOpinions.Opinion("ana", Set.of("security"), "2026-12-01T10:00:00Z"), a.first());
        assertEquals("bob", a.second().by());
        assertTrue(a.disagree());
        assertFalse(a.adjudicated());
        SecondOpinions.Pair b = pairs.get(1);
        assertTrue(b.adjudicated());
        assertEquals(Set.of("digital", "security"), b.first().topics(), "the first opinion, not the adjudicated label");
        assertEquals(Set.of("digital"), b.label());
        SecondOpinions.Pair c = pairs.get(2);
        assertEquals("unknown", c.first().by(), "a record without provenance");
        assertFalse(c.disagree());
    }
}

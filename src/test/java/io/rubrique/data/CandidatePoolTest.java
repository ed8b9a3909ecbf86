package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidatePoolTest {
    private final PageParser parser = new PageParser();

    private CandidatePool.Outcome ingest(CandidatePool pool, List<Path> pages) throws IOException {
        for (Path p : pages) {
            pool.addAll(parser.read(p));
        }
        return pool.outcome();
    }

    @Test
    void theFiveSeedPagesHoldFiveArticlesAndFortyFourDistinctTeasers() throws IOException {
        // counted by hand: 9 + 11 + 8 + 8 + 8 teasers; no teaser of these pages repeats on another one
        CandidatePool.Outcome o = ingest(new CandidatePool(), Seeds.all());
        assertEquals(5, o.articles());
        assertEquals(44, o.teasers());
        assertEquals(0, o.repeated());
        assertEquals(49, o.fresh().size());
        assertEquals(49, new HashSet<>(o.fresh().stream().map(Candidate::id).toList()).size());
        assertEquals(5, o.fresh().stream().filter(c -> c.kind() == ItemKind.ARTICLE).count());
    }

    @Test
    void teaserSeenOnTwoPagesIsKeptOnceWithTheLongerLeadAndTheFirstSource() throws IOException {
        CandidatePool.Outcome o = ingest(new CandidatePool(),
                List.of(Seeds.page("dup-first.txt"), Seeds.page("dup-second.txt")));
        assertEquals(2, o.articles());
        assertEquals(4, o.teasers());
        assertEquals(2, o.repeated());
        List<Candidate> teasers = o.fresh().stream().filter(c -> c.kind() == ItemKind.TEASER).toList();
        assertEquals(2, teasers.size());
        Candidate eu = teasers.get(0);
        assertEquals("Le Vietnam et l’UE renforcent leur coopération", eu.title());
        assertTrue(eu.text().endsWith("sous la coprésidence des deux vice-ministres."));
        assertEquals("dup-first.txt", eu.source());
        Candidate noLead = teasers.get(1);
        assertEquals("Le chapeau de ce teaser ne figure que sur la seconde page.", noLead.text());
        assertEquals("dup-first.txt", noLead.source());
    }

    @Test
    void articleWinsOverATeaserWithTheSameTitle() {
        CandidatePool pool = new CandidatePool();
        pool.add(Candidate.of(ItemKind.TEASER, "a.txt", "Même titre", "Chapeau."));
        pool.add(Candidate.of(ItemKind.ARTICLE, "b.txt", "Même titre", "Chapeau.\n\nCorps."));
        List<Candidate> fresh = pool.outcome().fresh();
        assertEquals(1, fresh.size());
        assertEquals(ItemKind.ARTICLE, fresh.get(0).kind());
        assertEquals("b.txt", fresh.get(0).source());
    }

    @Test
    void recordsAlreadyInLabelFilesAreLeftOut(@TempDir Path tmp) throws IOException {
        Candidate known = Candidate.of(ItemKind.TEASER, "a.txt", "Titre connu", "Chapeau connu.");
        Path labels = tmp.resolve("snippets.jsonl");
        Files.writeString(labels, """
                {"id":"hand-1","kind":"teaser","title":"Titre  CONNU","text":"Autre chapeau.","topics":[]}
                {"id":"hand-2","kind":"teaser","title":"","text":"Texte déjà vu.","topics":[]}

                """);
        CandidatePool pool = CandidatePool.knowing(List.of(labels, tmp.resolve("missing-inbox.jsonl")));
        pool.add(known);
        pool.add(Candidate.of(ItemKind.TEASER, "a.txt", "Nouveau titre", "Texte  déjà vu."));
        pool.add(Candidate.of(ItemKind.TEASER, "a.txt", "Vraiment nouveau", "Chapeau neuf."));
        CandidatePool.Outcome o = pool.outcome();
        assertEquals(List.of("Vraiment nouveau"), o.fresh().stream().map(Candidate::title).toList());
        assertEquals(2, o.alreadyKnown());
        assertEquals(2, o.duplicates());
    }

    @Test
    void brokenKnownFileIsAnErrorNamingFileAndLine(@TempDir Path tmp) throws IOException {
        Path labels = tmp.resolve("snippets.jsonl");
        Files.writeString(labels, "{\"id\":\"a\"}\n{oops\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CandidatePool.knowing(List.of(labels)));
        assertTrue(e.getMessage().contains("snippets.jsonl:2"), e.getMessage());
    }
}

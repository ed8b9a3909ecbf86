package io.rubrique.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the candidates of several pages into one record per story and leaves out those already in the label
 * files, so that re-ingesting a page appends nothing.
 *
 * <p>Two candidates are the same story when their normalised titles ({@link TextKey}) are equal, or, failing
 * that, their normalised texts. Of two versions the longer text wins (leads are truncated at different lengths on
 * different pages), an article wins over a teaser of the same title (its text is the full story), and the first
 * page the story was seen on stays its {@code source} unless an article replaces a teaser.
 */
public final class CandidatePool {
    private static final ObjectMapper MAPPER = Json.mapper();

    /** What ingesting a batch of pages yields: the new records, and what was merged or left out. */
    public record Outcome(List<Candidate> fresh, int articles, int teasers, int repeated, int alreadyKnown) {
        public Outcome {
            fresh = List.copyOf(fresh);
        }

        /** Candidates not appended: repeats within the batch plus those already in the label files. */
        public int duplicates() {
            return repeated + alreadyKnown;
        }
    }

    private final Set<String> knownIds = new HashSet<>();
    private final Set<String> knownTitles = new HashSet<>();
    private final Set<String> knownTexts = new HashSet<>();
    private final List<Candidate> pool = new ArrayList<>();
    private final Map<String, Integer> byTitle = new HashMap<>();
    private final Map<String, Integer> byText = new HashMap<>();
    private int articles;
    private int teasers;
    private int repeated;

    /** A pool that knows the records of these {@code .jsonl} files (missing files are skipped). */
    public static CandidatePool knowing(List<Path> labelFiles) throws IOException {
        CandidatePool p = new CandidatePool();
        for (Path f : labelFiles) {
            if (Files.isRegularFile(f)) {
                p.learn(f);
            }
        }
        return p;
    }

    private void learn(Path file) throws IOException {
        List<String> lines = Utf8.readStrict(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new IOException(file + ":" + (i + 1) + ": invalid JSON, cannot compare new records with it"
                        + " (run rubrique validate)", e);
            }
            knownIds.add(n.path("id").asText(""));
            String title = TextKey.of(n.path("title").asText(""));
            if (!title.isEmpty()) {
                knownTitles.add(title);
            }
            knownTexts.add(TextKey.of(n.path("text").asText("")));
        }
    }

    public void addAll(ParsedPage page) {
        add(page.article());
        page.teasers().forEach(this::add);
    }

    public void add(Candidate c) {
        if (c.kind() == ItemKind.ARTICLE) {
            articles++;
        } else {
            teasers++;
        }
        Integer at = byTitle.get(c.titleKey());
        if (at == null) {
            at = byText.get(c.textKey());
        }
        if (at == null) {
            pool.add(c);
            index(c, pool.size() - 1);
            return;
        }
        repeated++;
        Candidate old = pool.get(at);
        Candidate merged = merge(old, c);
        if (merged != old) {
            pool.set(at, merged);
            index(merged, at);
        }
    }

    private static Candidate merge(Candidate first, Candidate later) {
        if (first.kind() != later.kind()) {
            return first.kind() == ItemKind.ARTICLE ? first : later;
        }
        if (later.text().length() > first.text().length()) {
            return new Candidate(first.id(), first.kind(), first.source(), first.title(), later.text());
        }
        return first;
    }

    private void index(Candidate c, int at) {
        byTitle.putIfAbsent(c.titleKey(), at);
        byText.putIfAbsent(c.textKey(), at);
    }

    /** The merged candidates not already in the label files, in first-seen order. */
    public Outcome outcome() {
        List<Candidate> fresh = new ArrayList<>();
        int known = 0;
        for (Candidate c : pool) {
            if (knownIds.contains(c.id()) || knownTitles.contains(c.titleKey()) || knownTexts.contains(c.textKey())) {
                known++;
            } else {
                fresh.add(c);
            }
        }
        return new Outcome(fresh, articles, teasers, repeated, known);
    }
}

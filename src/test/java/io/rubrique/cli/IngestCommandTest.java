package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.data.Seeds;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {
    private static final ObjectMapper MAPPER = Json.mapper();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<Path> pages, String... options) {
        List<String> args = new ArrayList<>(List.of("ingest"));
        args.addAll(List.of(options));
        pages.forEach(p -> args.add(p.toString()));
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args.toArray(String[]::new));
    }

    private int runInto(List<Path> pages) {
        return run(pages, "--into", inbox().toString(), "--labels", tmp.resolve("labels").toString());
    }

    private Path inbox() {
        return tmp.resolve("labels").resolve("inbox.jsonl");
    }

    private List<JsonNode> records() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(inbox(), StandardCharsets.UTF_8)) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    @Test
    void seedPagesBecomeFortyNineCandidateRecordsWithoutTopics() throws IOException {
        assertEquals(0, runInto(Seeds.all()), err.toString());
        List<JsonNode> records = records();
        assertEquals(49, records.size());
        for (JsonNode r : records) {
            List<String> keys = new ArrayList<>();
            r.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("id", "kind", "source", "title", "text"), keys);
            assertFalse(r.get("text").asText().isBlank());
            assertTrue(r.get("source").asText().matches("00[0-4]_[0-9a-f]{16}\\.txt"));
            for (String field : List.of("title", "text")) {
                String s = r.get(field).asText();
                assertFalse(Seeds.FURNITURE.matcher(s).find(), r.get("id") + " " + field + ": " + s);
            }
        }
        assertTrue(out.toString().contains("read 5 page(s): 5 article(s), 44 teaser(s)"), out.toString());
        assertTrue(out.toString().contains("49 record(s) appended to " + inbox()), out.toString());
    }

    @Test
    void reRunAppendsNothingAndLeavesTheFileUntouched() throws IOException {
        assertEquals(0, runInto(Seeds.all()));
        byte[] first = Files.readAllBytes(inbox());
        assertEquals(0, runInto(Seeds.all()));
        assertTrue(out.toString().contains("49 duplicate(s) skipped"), out.toString());
        assertTrue(out.toString().contains("0 record(s) appended"), out.toString());
        assertEquals(new String(first, StandardCharsets.UTF_8), Files.readString(inbox()));
    }

    @Test
    void recordsLabelledInAnotherFileAreNotIngestedAgain() throws IOException {
        assertEquals(0, runInto(List.of(Seeds.seed(Seeds.PAGE_002))));
        List<String> lines = Files.readAllLines(inbox());
        // the lead moves the first record, labelled, to another file and removes it from the inbox
        String labelled = lines.get(0).replaceFirst("}$", ",\"topics\":[\"security\"]}");
        Files.writeString(tmp.resolve("labels").resolve("articles.jsonl"), labelled + "\n");
        Files.write(inbox(), lines.subList(1, lines.size()));
        assertEquals(0, runInto(List.of(Seeds.seed(Seeds.PAGE_002))));
        assertEquals(lines.size() - 1, Files.readAllLines(inbox()).size());
    }

    @Test
    void crlfAndBomCopyOfAPageAddsNothing() throws IOException {
        assertEquals(0, runInto(Seeds.all()));
        Path crlf = tmp.resolve("crlf.txt");
        String page = Files.readString(Seeds.seed(Seeds.PAGE_003));
        Files.writeString(crlf, "\uFEFF" + page.replace("\n", "\r\n"));
        assertEquals(0, runInto(List.of(crlf)));
        assertEquals(49, records().size());
    }

    @Test
    void idsAreStableAcrossIngestsInAnotherOrder() throws IOException {
        assertEquals(0, runInto(Seeds.all()));
        List<String> ids = records().stream().map(r -> r.get("id").asText()).sorted().toList();
        Files.delete(inbox());
        List<Path> reversed = new ArrayList<>(Seeds.all());
        Collections.reverse(reversed);
        assertEquals(0, runInto(reversed));
        assertEquals(ids, records().stream().map(r -> r.get("id").asText()).sorted().toList());
    }

    @Test
    void appendKeepsExistingLinesAndAddsAMissingFinalNewline() throws IOException {
        Files.createDirectories(inbox().getParent());
        Files.writeString(inbox(), "{\"id\":\"x\",\"kind\":\"teaser\",\"title\":\"Autre\",\"text\":\"Autre chapeau.\"}");
        assertEquals(0, runInto(List.of(Seeds.page("dup-first.txt"))));
        List<String> lines = Files.readAllLines(inbox());
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("{\"id\":\"x\""));
        try (Stream<Path> s = Files.list(inbox().getParent())) {
            assertEquals(List.of("inbox.jsonl"), s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).toList(), "no temp file left behind");
        }
    }

    @Test
    void invalidUtf8PageFailsNamingTheFileAndWritesNothing() throws IOException {
        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[] {'T', '\n', '\n', (byte) 0xE9, 't', 'e', '\n'});
        assertEquals(1, runInto(List.of(Seeds.seed(Seeds.PAGE_000), bad)));
        assertTrue(err.toString().contains("bad.txt: not valid UTF-8"), err.toString());
        assertFalse(Files.exists(inbox()));
    }

    @Test
    void missingPageArgumentIsAUsageError() {
        assertEquals(2, run(List.of()));
        assertTrue(err.toString().contains("PAGE"), err.toString());
    }

    @Test
    void helpDescribesTheOptions() {
        assertEquals(0, run(List.of(), "--help"));
        assertTrue(out.toString().contains("--into=FILE") && out.toString().contains("--labels=DIR"));
    }

    @Test
    void aPageTooLargeToReadBackIsRefusedBeforeAnythingIsWrittenAndLaterIngestsStillWork() throws IOException {
        Files.createDirectories(inbox().getParent());
        assertEquals(0, runInto(List.of(Seeds.page("dup-first.txt"))));
        byte[] before = Files.readAllBytes(inbox());
        Path huge = tmp.resolve("huge.txt");
        // a 20 MiB article body: the title, then one enormous paragraph, then the teasers
        String page = Files.readString(Seeds.page("dup-second.txt"));
        int cut = page.indexOf("\n\n") + 2;
        StringBuilder body = new StringBuilder(page.substring(0, cut));
        String paragraph = "Le développement du numérique se poursuit dans toutes les provinces du pays. ";
        while (body.length() < 20 << 20) {
            body.append(paragraph);
        }
        body.append("\n\n").append(page.substring(cut));
        Files.writeString(huge, body.toString());
        assertEquals(1, runInto(List.of(huge)));
        assertTrue(err.toString().contains("more than the limit of 1,000,000"), err.toString());
        assertTrue(err.toString().contains("nothing was written"), err.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(inbox())), "the inbox is unchanged");
        assertEquals(0, runInto(List.of(Seeds.page("dup-second.txt"))), "a later ingest still works: " + err);
    }

    @Test
    void theInboxKeepsItsPermissions() throws IOException {
        Files.createDirectories(inbox().getParent());
        Files.writeString(inbox(), "");
        Files.setPosixFilePermissions(inbox(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, runInto(List.of(Seeds.page("dup-first.txt"))));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(inbox())));
    }

    @Test
    void staleTemporariesOfAKilledIngestAreRemovedAndALiveOnesAreKept() throws IOException {
        Files.createDirectories(inbox().getParent());
        Path dead = inbox().resolveSibling(".inbox.jsonl.tmp-" + io.rubrique.model.ModelArtifactTestAccess.deadPid()
                + "-x1");
        Files.writeString(dead, "half a record");
        Path live = inbox().resolveSibling(".inbox.jsonl.tmp-" + ProcessHandle.current().pid() + "-x2");
        Files.writeString(live, "in progress");
        assertEquals(0, runInto(List.of(Seeds.page("dup-first.txt"))));
        assertFalse(Files.exists(dead), "the killed writer's temporary is gone");
        assertTrue(Files.exists(live), "a live writer's temporary is left alone");
    }

    @Test
    void twoConcurrentIngestsLoseNoRecord() throws Exception {
        Files.createDirectories(inbox().getParent());
        List<Path> pages = Seeds.all();
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = ex.submit(() -> Main.commandLine().setOut(new PrintWriter(new StringWriter()))
                    .execute("ingest", "--into", inbox().toString(), "--labels", tmp.resolve("labels").toString(),
                            pages.get(0).toString(), pages.get(1).toString()));
            var b = ex.submit(() -> Main.commandLine().setOut(new PrintWriter(new StringWriter()))
                    .execute("ingest", "--into", inbox().toString(), "--labels", tmp.resolve("labels").toString(),
                            pages.get(2).toString(), pages.get(3).toString()));
            assertEquals(0, a.get());
            assertEquals(0, b.get());
        } finally {
            ex.shutdownNow();
        }
        Path expected = tmp.resolve("expected.jsonl");
        assertEquals(0, run(pages.subList(0, 4), "--into", expected.toString(), "--labels",
                tmp.resolve("none").toString()));
        assertEquals(Files.readAllLines(expected).size(), records().size());
    }

    @Test
    void dateGoesOnEachPagesArticleAndABadDateIsAUsageErrorWritingNothing() throws IOException {
        assertEquals(2, run(Seeds.all(), "--into", inbox().toString(), "--labels", tmp.resolve("labels").toString(),
                "--date", "05/11/2026"));
        assertTrue(err.toString().contains("--date: not an ISO 8601 date"), err.toString());
        assertFalse(Files.exists(inbox()));
        assertEquals(0, run(Seeds.all(), "--into", inbox().toString(), "--labels", tmp.resolve("labels").toString(),
                "--date", "2026-11-05T08:30:00+07:00"), err.toString());
        for (JsonNode r : records()) {
            boolean article = r.get("kind").asText().equals("article");
            assertEquals(article ? "2026-11-05" : null, r.has("date") ? r.get("date").asText() : null, r.toString());
        }
    }

    @Test
    void aDateStampOnThePageDatesItsArticleAndDateOverridesIt() throws IOException {
        List<Path> page = List.of(Seeds.page("dated-stamp.txt"));
        assertEquals(0, runInto(page), err.toString());
        assertTrue(out.toString().contains("1 article(s) dated from their page"), out.toString());
        for (JsonNode r : records()) {
            boolean article = r.get("kind").asText().equals("article");
            assertEquals(article ? "2021-11-16" : null, r.has("date") ? r.get("date").asText() : null, r.toString());
        }
        Path other = tmp.resolve("other.jsonl");
        assertEquals(0, run(page, "--into", other.toString(), "--labels", tmp.resolve("none").toString(),
                "--date", "2026-11-05"), err.toString());
        JsonNode article = MAPPER.readTree(Files.readAllLines(other, StandardCharsets.UTF_8).get(0));
        assertEquals("2026-11-05", article.get("date").asText(), article.toString());
    }
}

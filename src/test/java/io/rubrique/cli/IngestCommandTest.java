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
        return tmp.resolve("labels/inbox.jsonl");
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
        Files.writeString(tmp.resolve("labels/articles.jsonl"), labelled + "\n");
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
}

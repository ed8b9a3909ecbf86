package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelReaderTest {
    @TempDir
    Path tmp;

    private static String record(String id, String topics) {
        return "{\"id\":\"" + id + "\",\"kind\":\"teaser\",\"title\":\"T " + id + "\",\"text\":\"Texte " + id
                + "\",\"topics\":" + topics + "}\n";
    }

    @Test
    void directoryIsReadFromItsLabelledFilesInNameOrderSkippingTheInbox() throws IOException {
        Files.writeString(tmp.resolve("b.jsonl"), record("b1", "[\"security\"]"));
        Files.writeString(tmp.resolve("a.jsonl"), record("a1", "[]") + record("a2", "[\"digital\",\"security\"]"));
        Files.writeString(tmp.resolve("inbox.jsonl"), "{\"id\":\"i\",\"kind\":\"teaser\",\"text\":\"x\"}\n");
        Files.writeString(tmp.resolve("notes.txt"), "not labels");
        LabelSet set = LabelReader.read(tmp);
        assertEquals(List.of(tmp.resolve("a.jsonl"), tmp.resolve("b.jsonl")), set.files());
        assertEquals(List.of("a1", "a2", "b1"), set.items().stream().map(LabelledItem::id).toList());
        assertEquals(2, set.countsPerTopic().get("security"));
        assertEquals(64, set.sha256().length());
    }

    @Test
    void invalidLabelsFailWithEveryProblemInFileLineFieldMessageForm() throws IOException {
        Path f = tmp.resolve("labels.jsonl");
        Files.writeString(f, record("a", "[\"economy\"]") + "{oops\n" + record("a", "[]"));
        LabelException e = assertThrows(LabelException.class, () -> LabelReader.read(f));
        assertEquals(3, e.problems().size());
        assertTrue(e.getMessage().contains(f + ":1: topics: unknown topic 'economy'"), e.getMessage());
        assertTrue(e.getMessage().contains(f + ":2: json: invalid JSON at column"), e.getMessage());
        assertTrue(e.getMessage().contains(f + ":3: id: duplicate id 'a' (first at line 1)"), e.getMessage());
    }

    @Test
    void longProblemListsAreCutAfterTwentyLines() throws IOException {
        Path f = tmp.resolve("labels.jsonl");
        Files.writeString(f, "[]\n".repeat(25));
        LabelException e = assertThrows(LabelException.class, () -> LabelReader.read(f));
        assertEquals(20, e.getMessage().lines().filter(l -> l.contains(": record: ")).count());
        assertTrue(e.getMessage().endsWith("\n… and 5 more"), e.getMessage());
    }

    @Test
    void anInboxFileReadForTrainingMustCarryTopics() throws IOException {
        Path f = tmp.resolve("inbox.jsonl");
        Files.writeString(f, "{\"id\":\"i\",\"kind\":\"teaser\",\"text\":\"x\"}\n");
        LabelException e = assertThrows(LabelException.class, () -> LabelReader.read(f));
        assertTrue(e.getMessage().contains(":1: topics: missing"), e.getMessage());
    }

    @Test
    void missingPathIsAnError() {
        IOException e = assertThrows(IOException.class, () -> LabelReader.read(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("nope: no such file or directory"), e.getMessage());
    }
}

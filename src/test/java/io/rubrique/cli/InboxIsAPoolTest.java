package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The inbox is a pool of items to label, not labels (issue 22, point 3): after the README's loop (ingest fills
 * the inbox, the page saves some of its items into snippets.jsonl), {@code validate} passes, and a pool's own
 * problems are still reported.
 */
class InboxIsAPoolTest {
    @TempDir
    Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate(Path labels) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute("validate", labels.toString());
    }

    private Path labelsWithAnItemLabelledFromTheInbox() throws IOException {
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        Files.copy(io.rubrique.data.SeedLabels.TOPICS, labels.resolve("topics.json"));
        Files.writeString(labels.resolve("inbox.jsonl"), """
                {"id":"t-1","kind":"teaser","source":"p.txt","title":"Un","text":"Premier article du jour."}
                {"id":"t-2","kind":"teaser","source":"p.txt","title":"Deux","text":"Second article du jour."}
                """);
        Files.writeString(labels.resolve("snippets.jsonl"), """
                {"id":"t-1","kind":"teaser","source":"p.txt","title":"Un","text":"Premier article du jour.","topics":["digital"]}
                """);
        return labels;
    }

    @Test
    void anItemBothInTheInboxAndLabelledIsNotADuplicate() throws IOException {
        Path labels = labelsWithAnItemLabelledFromTheInbox();
        assertEquals(0, validate(labels), err.toString());
        assertTrue(out.toString().contains("labelled items: 1"), out.toString());
        assertTrue(out.toString().contains("unlabelled (inbox): 2"), out.toString());
    }

    @Test
    void aPoolIsCheckedLikeLabelsLessTheTopics() throws IOException {
        Path labels = labelsWithAnItemLabelledFromTheInbox();
        Files.writeString(labels.resolve("inbox.jsonl"), """
                {"id":"t-3","kind":"teaser","source":"p.txt","text":"Troisième."}
                {"id":"t-3","kind":"teaser","source":"p.txt","text":"Quatrième."}
                {"id":"t-5","kind":"teaser","source":{"page":1},"text":"Cinquième."}
                """, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, validate(labels));
        String e = err.toString();
        assertTrue(e.contains("inbox.jsonl:4: id: duplicate id 't-3' (first at "), e);
        assertTrue(e.contains("inbox.jsonl:5: source: not a string (found object)"), e);
    }
}

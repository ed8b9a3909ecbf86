package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.GuidelinesCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    private Path labels;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void labelsDirectory() throws IOException {
        labels = Files.createDirectories(tmp.resolve("labels"));
        Files.writeString(labels.resolve("snippets.jsonl"), """
                {"id":"a","kind":"article","title":"A","text":"Article.","topics":["digital","bilateral-relations"]}
                {"id":"b","kind":"teaser","title":"B","text":"Teaser.","topics":["digital"]}
                {"id":"c","kind":"teaser","title":"C","text":"Autre teaser.","topics":[]}
                """);
        Files.writeString(labels.resolve("inbox.jsonl"), "{\"id\":\"t-1\",\"kind\":\"teaser\",\"text\":\"Neuf.\"}\n");
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void cleanDirectoryExitsZeroAndPrintsCounts() {
        assertEquals(0, run(labels.toString()), err.toString());
        assertEquals("", err.toString());
        String o = out.toString();
        assertTrue(o.contains("2 file(s), 4 record(s), 0 problem(s)"), o);
        assertTrue(o.contains("labelled items: 3 (article 1, teaser 2); unlabelled (inbox): 1"), o);
        assertTrue(o.matches("(?s).*digital\\s+1\\s+1\\s+2\\n.*"), o);
        assertTrue(o.matches("(?s).*\\(none\\)\\s+0\\s+1\\s+1\\n.*"), o);
        assertTrue(o.contains("mean topics per item: 1.00"), o);
    }

    @Test
    void problemsGoToStderrAsFileLineFieldMessageAndExitOne() throws IOException {
        Path bad = labels.resolve("tail.jsonl");
        Files.writeString(bad, """
                {"id":"a","kind":"teaser","text":"Encore.","topics":["economy"]}
                {"id":"d","kind":"teaser","text":"Sans sujets."}
                """);
        assertEquals(1, run(labels.toString()));
        assertEquals(bad + ":1: topics: unknown topic 'economy' (known: digital, security, party-congress,"
                        + " bilateral-relations)\n"
                        + bad + ":1: id: duplicate id 'a' (first at " + labels.resolve("snippets.jsonl") + ":1)\n"
                        + bad + ":2: topics: missing (use [] for an item with no topic)\n",
                err.toString().replace(System.lineSeparator(), "\n"));
        assertTrue(out.toString().contains("3 file(s), 6 record(s), 3 problem(s)"), out.toString());
    }

    @Test
    void secondOpinionsAreCheckedLikeLabelsAndAgainstTheSetNotAsDuplicates() throws IOException {
        Path so = labels.resolve(io.rubrique.data.SecondOpinions.FILE);
        Files.writeString(so, """
                {"id":"a","kind":"article","title":"A","text":"Article.","topics":["digital"]}
                {"id":"zz","kind":"teaser","title":"Z","text":"Inconnu.","topics":[]}
                {"id":"b","kind":"teaser","title":"B","text":"Teaser.","topics":["sport"]}
                """);
        assertEquals(1, run(labels.toString()));
        String e = err.toString();
        assertTrue(e.contains(so + ":2: id: 'zz' is not an item of the label set"), e);
        assertTrue(e.contains(so + ":3: topics: unknown topic 'sport'"), e);
        assertTrue(!e.contains(":1:"), "a second opinion on a labelled item is no duplicate: " + e);
        assertTrue(out.toString().contains("2 problem(s)"), out.toString());
    }

    @Test
    void aMissingPathIsBadInputExitingOneAsInEveryCommand() {
        assertEquals(1, run(tmp.resolve("nope").toString()));
        assertTrue(err.toString().contains("nope: no such file"), err.toString());
    }

    @Test
    void singleFileCanBeValidated() {
        assertEquals(0, run(labels.resolve("inbox.jsonl").toString()));
        assertTrue(out.toString().contains("1 file(s), 1 record(s), 0 problem(s)"), out.toString());
    }

    @Test
    void guidelinesBlockIsRewrittenThenCheckedAsCurrent() throws IOException {
        Path guide = tmp.resolve("GUIDELINES.md");
        Files.writeString(guide, "# Guide\n" + GuidelinesCounts.START + "\n" + GuidelinesCounts.END + "\n");
        assertEquals(1, run(labels.toString(), "--check-guidelines", guide.toString()));
        assertTrue(err.toString().contains("counts block is stale"), err.toString());
        assertEquals(0, run(labels.toString(), "--guidelines", guide.toString()));
        assertTrue(Files.readString(guide).contains("| digital | 1 | 1 | 2 |"));
        assertTrue(Files.readString(guide).contains("Mean topics per item: 1.00."));
        assertEquals(0, run(labels.toString(), "--check-guidelines", guide.toString()));
    }

    @Test
    void guidelinesWithoutMarkersFail() throws IOException {
        Path guide = tmp.resolve("GUIDELINES.md");
        Files.writeString(guide, "# Guide\n");
        assertEquals(1, run(labels.toString(), "--guidelines", guide.toString()));
        assertTrue(err.toString().contains("<!-- counts:start -->"), err.toString());
    }

    @Test
    void guidelinesAreNotTouchedWhileLabelsHaveProblems() throws IOException {
        Files.writeString(labels.resolve("bad.jsonl"), "[]\n");
        Path guide = tmp.resolve("GUIDELINES.md");
        String before = "# Guide\n" + GuidelinesCounts.START + "\n" + GuidelinesCounts.END + "\n";
        Files.writeString(guide, before);
        assertEquals(1, run(labels.toString(), "--guidelines", guide.toString()));
        assertEquals(before, Files.readString(guide));
    }

    @Test
    void helpWorks() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--check-guidelines=FILE"), out.toString());
    }
}

package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelValidatorTest {
    private static final String OK = "{\"id\":\"%s\",\"kind\":\"teaser\",\"title\":\"T\",\"text\":\"%s\",\"topics\":[]}";

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private LabelValidator.Result validate(Path... files) throws IOException {
        return new LabelValidator(TopicSet.defaults(), true).validate(List.of(files));
    }

    /** The problems of a one-file check, as {@code line: field: message} (the file name stripped). */
    private List<String> problems(String content) throws IOException {
        Path f = file("labels.jsonl", content);
        return validate(f).problems().stream().map(p -> p.toString().substring(f.toString().length() + 1)).toList();
    }

    @Test
    void cleanRecordsAreReturnedWithTheirTopics() throws IOException {
        LabelValidator.Result r = validate(file("a.jsonl", """
                {"id":"a","kind":"article","source":"p.txt","title":"T","text":"Un.","topics":["digital","security"]}

                {"id":"b","kind":"teaser","text":"Deux.","topics":[]}
                """));
        assertTrue(r.clean(), r.problems().toString());
        assertEquals(2, r.records());
        assertEquals(Set.of("digital", "security"), r.labelled().get(0).topics());
        assertEquals("", r.labelled().get(1).title());
    }

    @Test
    void malformedJsonLineIsReportedWithFileLineAndColumn() throws IOException {
        Path f = file("snippets.jsonl", OK.formatted("a", "x") + "\n{\"id\": oops}\n");
        LabelProblem p = validate(f).problems().get(0);
        assertEquals(f + ":2: json: invalid JSON at column 12: Unrecognized token 'oops': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false')", p.toString());
    }

    @Test
    void trailingTokensAndDuplicateKeysAreInvalidJson() throws IOException {
        List<String> p = problems(OK.formatted("a", "x") + " 42\n{\"id\":\"b\",\"id\":\"c\"}\n");
        assertTrue(p.get(0).startsWith("1: json: invalid JSON at column"), p.get(0));
        assertTrue(p.get(1).startsWith("2: json: invalid JSON at column") && p.get(1).contains("Duplicate field 'id'"),
                p.get(1));
    }

    @Test
    void invalidUtf8IsReportedWithLineAndColumnAndTheOtherLinesStillChecked() throws IOException {
        Path f = tmp.resolve("latin1.jsonl");
        byte[] bad = "{\"id\":\"b\",\"text\":\"d\u00e9j\u00e0\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = (OK.formatted("a", "x") + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(f, concat(good, bad, "[]\n".getBytes(StandardCharsets.UTF_8)));
        List<String> p = validate(f).problems().stream().map(LabelProblem::toString).toList();
        assertEquals(List.of(f + ":2: encoding: invalid UTF-8 (byte 0xE9 at column 20)",
                f + ":3: record: not a JSON object (found array)"), p);
    }

    @Test
    void lineThatIsNotAnObjectIsReported() throws IOException {
        assertEquals(List.of("1: record: not a JSON object (found string)", "2: record: not a JSON object (found null)"),
                problems("\"text\"\nnull\n"));
    }

    @Test
    void missingOrEmptyIdAndTextAreReported() throws IOException {
        assertEquals(List.of("1: id: missing", "1: text: missing", "2: id: empty", "2: text: empty",
                        "3: id: not a string (found number)"),
                problems("""
                        {"kind":"teaser","topics":[]}
                        {"id":" ","kind":"teaser","text":"","topics":[]}
                        {"id":7,"kind":"teaser","text":"x","topics":[]}
                        """));
    }

    @Test
    void titleThatIsNotAStringIsReported() throws IOException {
        assertEquals(List.of("1: title: not a string (found number)", "2: title: not a string (found null)"),
                problems("""
                        {"id":"a","kind":"teaser","title":3,"text":"x","topics":[]}
                        {"id":"b","kind":"teaser","title":null,"text":"y","topics":[]}
                        """));
    }

    @Test
    void unknownOrMissingKindIsReported() throws IOException {
        assertEquals(List.of("1: kind: unknown kind 'blog' (allowed: article, teaser)",
                        "2: kind: missing (allowed: article, teaser)"),
                problems("""
                        {"id":"a","kind":"blog","text":"x","topics":[]}
                        {"id":"b","text":"y","topics":[]}
                        """));
    }

    @Test
    void missingTopicsAreReportedExceptInInboxFiles() throws IOException {
        String unlabelled = "{\"id\":\"a\",\"kind\":\"teaser\",\"text\":\"x\"}\n";
        assertEquals(List.of("1: topics: missing (use [] for an item with no topic)"), problems(unlabelled));
        LabelValidator.Result inbox = validate(file("inbox.jsonl", unlabelled));
        assertTrue(inbox.clean());
        assertEquals(1, inbox.unlabelled().size());
        assertEquals(0, inbox.labelled().size());
        assertEquals(1, new LabelValidator(TopicSet.defaults(), false).validate(List.of(tmp.resolve("inbox.jsonl"))).problems().size());
    }

    @Test
    void topicsThatAreNotAnArrayAreReported() throws IOException {
        assertEquals(List.of("1: topics: not an array (found string)"),
                problems("{\"id\":\"a\",\"kind\":\"teaser\",\"text\":\"x\",\"topics\":\"digital\"}\n"));
    }

    @Test
    void unknownTopicIsReportedWithTheAllowedOnes() throws IOException {
        Path f = file("snippets.jsonl", "\n".repeat(11)
                + "{\"id\":\"a\",\"kind\":\"teaser\",\"text\":\"x\",\"topics\":[\"economy\",1]}\n");
        assertEquals(List.of(f + ":12: topics: unknown topic 'economy' (known: digital, security, party-congress,"
                        + " bilateral-relations)",
                f + ":12: topics: unknown topic 1 (known: digital, security, party-congress, bilateral-relations)"),
                validate(f).problems().stream().map(LabelProblem::toString).toList());
    }

    @Test
    void duplicatedTopicIsReported() throws IOException {
        assertEquals(List.of("1: topics: duplicated topic 'digital'"),
                problems("{\"id\":\"a\",\"kind\":\"teaser\",\"text\":\"x\",\"topics\":[\"digital\",\"digital\"]}\n"));
    }

    @Test
    void duplicateIdNamesTheFirstLineEvenInAnotherFile() throws IOException {
        Path a = file("a.jsonl", OK.formatted("x", "un") + "\n" + OK.formatted("x", "deux") + "\n");
        Path b = file("b.jsonl", OK.formatted("x", "trois") + "\n");
        List<String> p = validate(a, b).problems().stream().map(LabelProblem::toString).toList();
        assertEquals(List.of(a + ":2: id: duplicate id 'x' (first at line 1)",
                b + ":1: id: duplicate id 'x' (first at " + a + ":1)"), p);
    }

    @Test
    void sameNormalisedTextUnderTwoIdsNamesBoth() throws IOException {
        assertEquals(List.of("3: text: same text under ids 'a' (line 1) and 'c'"),
                problems(OK.formatted("a", "L’UE  et le Vietnam") + "\n" + OK.formatted("b", "autre") + "\n"
                        + OK.formatted("c", "l'UE et le\u00A0Vietnam") + "\n"));
    }

    @Test
    void unknownExtraFieldIsReported() throws IOException {
        assertEquals(List.of("1: topic: unknown field (allowed: id, kind, source, title, text, topics, provenance,"
                + " date)"),
                problems("{\"id\":\"a\",\"kind\":\"teaser\",\"text\":\"x\",\"topics\":[],\"topic\":\"digital\"}\n"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
        List<String> p = problems("{bad\n{\"id\":\"\",\"kind\":\"x\",\"topics\":[\"y\"],\"z\":1}\n[]\n");
        assertEquals(7, p.size(), p.toString());
    }

    @Test
    void bomAndCrlfAreTolerated() throws IOException {
        Path f = file("crlf.jsonl", "\uFEFF" + OK.formatted("a", "x") + "\r\n" + OK.formatted("b", "y") + "\r\n");
        LabelValidator.Result r = validate(f);
        assertTrue(r.clean(), r.problems().toString());
        assertEquals(2, r.labelled().size());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void anOptionalDateMustBeIso8601() throws IOException {
        assertEquals(List.of(), problems("""
                {"id":"a","kind":"teaser","text":"Un.","topics":[],"date":"2026-11-05"}
                {"id":"b","kind":"teaser","text":"Deux.","topics":[],"date":"2026-11-05T08:30:00+07:00"}
                {"id":"c","kind":"teaser","text":"Trois.","topics":[],"date":null}
                """));
        List<String> p = problems("""
                {"id":"a","kind":"teaser","text":"Un.","topics":[],"date":"5 novembre 2026"}
                {"id":"b","kind":"teaser","text":"Deux.","topics":[],"date":20261105}
                """);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("1: date: not an ISO 8601 date"), p.get(0));
        assertTrue(p.get(1).startsWith("2: date: not a string (found number"), p.get(1));
    }
}

package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming reading of a classify input line gives exactly what the tree reading gave, line by line. */
class SnippetLineTest {
    private static final List<String> LINES = List.of(
            "{\"id\":\"a\",\"title\":\"T\",\"text\":\"x\"}",
            "{\"text\":\"x\"}",
            "{\"id\":null,\"title\":null,\"text\":\"x\"}",
            "{\"id\":7,\"text\":\"x\"}",
            "{\"id\":7.50,\"text\":\"x\"}",
            "{\"id\":1e3,\"text\":\"x\"}",
            "{\"id\":12345678901234567890,\"text\":\"x\"}",
            "{\"id\":true,\"text\":\"x\"}",
            "{\"id\":[1],\"text\":\"x\"}",
            "{\"title\":3,\"text\":\"x\"}",
            "{\"title\":{},\"text\":\"x\"}",
            "{\"text\":3}",
            "{\"text\":null}",
            "{\"text\":\"   \"}",
            "{\"text\":\"\"}",
            "{\"title\":\"only\"}",
            "{\"text\":\"a\",\"text\":\"b\"}",
            "{\"text\":\"a\",\"text\":null}",
            "{\"text\":null,\"text\":\"b\"}",
            "{\"text\":3,\"text\":\"b\"}",
            "{\"text\":\"a\",\"text\":3}",
            "{\"id\":\"1\",\"id\":2,\"text\":\"a\"}",
            "{\"text\":\"a\",\"topics\":[\"digital\",{\"x\":[1,2,{}]}],\"kind\":\"teaser\",\"n\":1.5e300}",
            "{\"text\":\"a\"} ",
            "{\"text\":\"a\"} {}",
            "{\"text\":\"a\"} x",
            "{\"text\":\"a\"}]",
            "[{\"text\":\"a\"}]",
            "\"text\"",
            "42",
            "null",
            "{\"text\":\"a\"",
            "{\"text\":\"a\",}",
            "{text:\"a\"}",
            "{'text':'a'}",
            "{\"text\":\"a\u0001b\"}",
            "{\"text\":\"a\\u0000b\\ud800\\\"\\\\\"}",
            "\uFEFF{\"text\":\"a\"}",
            "  {\"text\" : \"é ’ «»\\n\"}  ",
            "{\"Text\":\"a\"}",
            "{\"text\":\"a\",\"id\":\"\"}");

    private static void same(String line) {
        SnippetLine.Result fast = SnippetLine.parse(line, 12);
        SnippetLine.Result tree = SnippetLine.viaTree(line, 12);
        assertEquals(tree, fast, line);
    }

    @Test
    void everyKindOfLineReadsAsTheTreeReadsIt() {
        LINES.forEach(SnippetLineTest::same);
    }

    @Test
    void randomEditsOfThoseLinesToo() {
        Random r = new Random(5);
        String alphabet = "{}[]\",:\\ tx0123456789.-eEnulfrsa\u00e9\u2019";
        List<String> lines = new ArrayList<>(LINES);
        for (int k = 0; k < 50_000; k++) {
            StringBuilder sb = new StringBuilder(lines.get(r.nextInt(LINES.size())));
            for (int e = 1 + r.nextInt(3); e > 0; e--) {
                int at = r.nextInt(sb.length() + 1);
                if (r.nextBoolean() && at < sb.length()) {
                    sb.deleteCharAt(at);
                } else {
                    sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            same(sb.toString());
        }
    }

    @Test
    void anOptionalDateIsReadAsItsLocalDayAndABadOneNamesTheField() {
        assertEquals(java.time.LocalDate.parse("2026-11-05"),
                SnippetLine.parse("{\"text\":\"x\",\"date\":\"2026-11-05T23:30:00-05:00\"}", 1).snippet().date());
        assertEquals(null, SnippetLine.parse("{\"text\":\"x\",\"date\":null}", 1).snippet().date());
        assertEquals(null, SnippetLine.parse("{\"text\":\"x\"}", 1).snippet().date());
        assertTrue(SnippetLine.parse("{\"text\":\"x\",\"date\":\"2026-13-01\"}", 1).problem()
                .startsWith("date: not an ISO 8601 date"));
        assertTrue(SnippetLine.parse("{\"text\":\"x\",\"date\":5}", 1).problem().startsWith("date: must be a string"));
    }
}

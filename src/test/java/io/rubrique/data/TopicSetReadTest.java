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

/** A {@code topics.json} error names file, topic and field in plain words; optional fields take their defaults. */
class TopicSetReadTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path f = dir.resolve(TopicSet.FILE);
        Files.writeString(f, json);
        return f;
    }

    private String errorOf(String json) throws IOException {
        Path f = write(json);
        String msg = assertThrows(IOException.class, () -> TopicSet.read(f)).getMessage();
        assertTrue(msg.startsWith(f.toString()), msg);
        for (String internal : List.of("creator", "DeserializationFeature", "index", "Jackson", "java.", "`")) {
            assertTrue(!msg.contains(internal), "names an internal (" + internal + "): " + msg);
        }
        return msg;
    }

    @Test
    void aTopicWithoutDefinitionOrSeedWordsIsAcceptedWithDefaults() throws IOException {
        TopicSet set = TopicSet.read(write("{\"topics\": [{\"id\": \"digital\"}, {\"id\": \"sport\", \"name\": \"Sport\"}]}"));
        assertEquals(List.of("digital", "sport"), set.ids());
        assertEquals("", set.get("digital").definition());
        assertEquals(List.of(), set.get("digital").seedWords());
        assertEquals("digital", set.get("digital").name());
    }

    @Test
    void anExplicitNullDefinitionIsAcceptedAsEmpty() throws IOException {
        TopicSet set = TopicSet.read(write("{\"topics\": [{\"id\": \"a\", \"definition\": null, \"seed_words\": null}]}"));
        assertEquals("", set.get("a").definition());
    }

    /** The error for {@code json} says every one of {@code parts}. */
    private void assertSays(String json, String... parts) throws IOException {
        String msg = errorOf(json);
        for (String part : parts) {
            assertTrue(msg.contains(part), "missing '" + part + "' in: " + msg);
        }
    }

    @Test
    void aMissingIdNamesTheTopicAndTheField() throws IOException {
        assertSays("{\"topics\": [{\"id\": \"a\"}, {\"name\": \"B\"}]}", "topic 2", "missing field 'id'");
    }

    @Test
    void aWrongTypeNamesTopicIdAndField() throws IOException {
        assertSays("{\"topics\": [{\"id\": \"a\", \"seed_words\": \"x\"}]}", "topic 1 ('a'), field 'seed_words'",
                "a list of strings");
        assertSays("{\"topics\": [{\"id\": \"b\", \"definition\": [1]}]}", "topic 1 ('b'), field 'definition'",
                "a string");
    }

    @Test
    void anUnknownFieldIsNamed() throws IOException {
        assertSays("{\"topics\": [{\"id\": \"a\", \"seeds\": []}]}", "topic 1 ('a'), field 'seeds'", "unknown field");
    }

    @Test
    void aBadIdOrDuplicateOrEmptySetSaysWhy() throws IOException {
        assertTrue(errorOf("{\"topics\": [{\"id\": \"Bad Id\"}]}").contains("topic id 'Bad Id' must be"));
        assertTrue(errorOf("{\"topics\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}").contains("'a' is declared twice"));
        assertTrue(errorOf("{}").contains("at least one topic"));
        assertTrue(errorOf("{\"topics\": [null]}").contains("a topic is null"));
    }

    @Test
    void brokenJsonGivesLineAndColumn() throws IOException {
        String msg = errorOf("{\"topics\": [\n  {\"id\": \"a\",}\n]}");
        assertTrue(msg.contains("not valid JSON at line 2"), msg);
    }
}

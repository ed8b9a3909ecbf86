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

    @Test
    void aMissingIdNamesTheTopicAndTheField() throws IOException {
        String msg = errorOf("{\"topics\": [{\"id\": \"a\"}, {\"name\": \"B\"}]}");
        assertTrue(msg.contains("topic 2") && msg.contains("missing field 'id'"), msg);
    }

    @Test
    void aWrongTypeNamesTopicIdAndField() throws IOException {
        String msg = errorOf("{\"topics\": [{\"id\": \"a\", \"seed_words\": \"x\"}, {\"id\": \"b\", \"definition\": [1]}]}");
        assertTrue(msg.contains("topic 1 ('a'), field 'seed_words'") && msg.contains("a list of strings"), msg);
        String def = errorOf("{\"topics\": [{\"id\": \"b\", \"definition\": [1]}]}");
        assertTrue(def.contains("topic 1 ('b'), field 'definition'") && def.contains("a string"), def);
    }

    @Test
    void anUnknownFieldIsNamed() throws IOException {
        String msg = errorOf("{\"topics\": [{\"id\": \"a\", \"seeds\": []}]}");
        assertTrue(msg.contains("topic 1 ('a'), field 'seeds'") && msg.contains("unknown field"), msg);
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

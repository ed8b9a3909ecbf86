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

/**
 * Pools are validated like labels (issue 22, point 8): what the page shows from a pool can always be saved, so a
 * record that a label file would refuse is refused when the pool is read, naming file, line and field.
 */
class PoolValidationTest {
    @TempDir
    Path tmp;

    /** Reading a pool of these lines fails with a message containing {@code expected}. */
    private void assertRefused(String lines, String expected) throws IOException {
        Path f = tmp.resolve("pool.jsonl");
        Files.writeString(f, lines + "\n");
        String m = assertThrows(IOException.class, () -> PoolReader.read(List.of(f))).getMessage();
        assertTrue(m.contains(expected), m);
    }

    @Test
    void duplicateIdsInAPoolAreRefused() throws IOException {
        assertRefused("{\"id\":\"a\",\"text\":\"Un.\"}\n{\"id\":\"a\",\"text\":\"Deux.\"}",
                "pool.jsonl:2: id: duplicate id 'a' (first at ");
    }

    @Test
    void aSourceWithAControlCharacterOrOverItsLimitIsRefused() throws IOException {
        assertRefused("{\"id\":\"a\",\"source\":\"x\\u0007y\",\"text\":\"Un.\"}",
                "pool.jsonl:1: source: control character U+0007");
        assertRefused("{\"id\":\"a\",\"source\":\"" + "s".repeat(3000) + "\",\"text\":\"Un.\"}",
                "pool.jsonl:1: source: 3,000 characters");
    }

    @Test
    void anObjectSourceIsRefusedRatherThanSavedEmpty() throws IOException {
        assertRefused("{\"id\":\"a\",\"source\":{\"page\":1},\"text\":\"Un.\"}",
                "pool.jsonl:1: source: not a string (found object)");
    }

    @Test
    void anIdOverTheLabelLimitIsRefused() throws IOException {
        assertRefused("{\"id\":\"" + "i".repeat(300) + "\",\"text\":\"Un.\"}",
                "pool.jsonl:1: id: 300 characters, more than the limit of 200");
    }

    @Test
    void aCleanPoolReadsWithKindsAndSources() throws IOException {
        Path f = tmp.resolve("pool.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"kind\":\"teaser\",\"source\":\"p.txt\",\"text\":\"Un.\"}\n{\"id\":2,\"text\":\"Deux.\"}\n");
        PoolReader.Pool p = PoolReader.read(List.of(f));
        assertEquals(2, p.records().size());
        assertEquals(ItemKind.TEASER, p.records().get(0).kind());
        assertEquals("p.txt", p.records().get(0).source());
    }
}

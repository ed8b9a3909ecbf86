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

    private String problemsOf(String line) throws IOException {
        Path f = tmp.resolve("pool.jsonl");
        Files.writeString(f, line + "\n");
        IOException e = assertThrows(IOException.class, () -> PoolReader.read(List.of(f)));
        return e.getMessage();
    }

    @Test
    void duplicateIdsInAPoolAreRefused() throws IOException {
        String m = problemsOf("{\"id\":\"a\",\"text\":\"Un.\"}\n{\"id\":\"a\",\"text\":\"Deux.\"}");
        assertTrue(m.contains("pool.jsonl:2: id: duplicate id 'a' (first at "), m);
    }

    @Test
    void aSourceWithAControlCharacterOrOverItsLimitIsRefused() throws IOException {
        assertTrue(problemsOf("{\"id\":\"a\",\"source\":\"x\\u0007y\",\"text\":\"Un.\"}")
                .contains("pool.jsonl:1: source: control character U+0007"));
        String m = problemsOf("{\"id\":\"a\",\"source\":\"" + "s".repeat(3000) + "\",\"text\":\"Un.\"}");
        assertTrue(m.contains("pool.jsonl:1: source: 3,000 characters"), m);
    }

    @Test
    void anObjectSourceIsRefusedRatherThanSavedEmpty() throws IOException {
        String m = problemsOf("{\"id\":\"a\",\"source\":{\"page\":1},\"text\":\"Un.\"}");
        assertTrue(m.contains("pool.jsonl:1: source: not a string (found object)"), m);
    }

    @Test
    void anIdOverTheLabelLimitIsRefused() throws IOException {
        String m = problemsOf("{\"id\":\"" + "i".repeat(300) + "\",\"text\":\"Un.\"}");
        assertTrue(m.contains("pool.jsonl:1: id: 300 characters, more than the limit of 200"), m);
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

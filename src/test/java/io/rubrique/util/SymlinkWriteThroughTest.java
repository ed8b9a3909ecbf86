package io.rubrique.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label file or inbox that is a symbolic link (a file shared between checkouts) is written through, never
 * replaced by a plain file (issue 22, point 6); a link to nothing is refused with a message naming it.
 */
class SymlinkWriteThroughTest {
    @TempDir
    Path tmp;

    @Test
    void aWriteThroughALinkReplacesTheTargetAndKeepsTheLink() throws IOException {
        Path shared = Files.writeString(Files.createDirectories(tmp.resolve("shared")).resolve("snippets.jsonl"),
                "old\n");
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("labels")).resolve("snippets.jsonl"),
                shared);
        AtomicFiles.writeString(link, "new\n");
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals("new\n", Files.readString(shared), "the shared target received the write");
    }

    @Test
    void aLinkToNothingIsRefusedNamingIt() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("inbox.jsonl"), tmp.resolve("gone/inbox.jsonl"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(link, "x\n"));
        assertTrue(e.getMessage().contains("is a symbolic link to") && e.getMessage().contains("does not exist"),
                e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void twoLinksToOneFileShareItsLock() throws Exception {
        Path target = Files.writeString(tmp.resolve("t.jsonl"), "");
        Path a = Files.createSymbolicLink(tmp.resolve("a.jsonl"), target);
        try (FileLocks.Held held = FileLocks.exclusive(a)) {
            assertTrue(Files.exists(tmp.resolve(".t.jsonl.lock")), "the lock is the target's");
        }
    }
}

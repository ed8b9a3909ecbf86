package io.rubrique.cli;

import static io.rubrique.cli.CliRun.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.cli.CliRun.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rubrique agreement}: per-topic kappa of two labellers, named from provenance. */
class AgreementCommandTest {
    @TempDir
    Path tmp;

    private Path labels(String name, String labeller, boolean flipSecond) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            boolean digital = i % 3 == 0 ^ (flipSecond && i % 10 == 1);
            sb.append("{\"id\": \"a").append(i).append("\", \"kind\": \"article\", \"source\": \"s\", \"title\": ")
                    .append("\"Titre ").append(i).append("\", \"text\": \"Texte numero ").append(i)
                    .append(" assez long pour passer.\", \"topics\": [").append(digital ? "\"digital\"" : "")
                    .append("], \"provenance\": {\"labelled_by\": \"").append(labeller).append("\"}}\n");
        }
        return Files.writeString(tmp.resolve(name), sb.toString());
    }

    @Test
    void twoLabellersGetAKappaPerTopicWithTheirNames() throws IOException {
        Outcome o = command(new AgreementCommand(), labels("alice.jsonl", "alice", false).toString(),
                labels("bob.jsonl", "bob", true).toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("(alice)") && o.out().contains("(bob)"), o.out());
        assertTrue(o.out().contains("30 shared item(s)"), o.out());
        assertTrue(o.out().matches("(?s).*digital\\s+kappa 0\\.\\d{3} \\[.*"), o.out());
        assertTrue(o.out().contains("security") && o.out().contains("n/a (no variation)"), o.out());
    }
}

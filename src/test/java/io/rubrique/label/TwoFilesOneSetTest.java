package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rubrique.data.Candidate;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelledItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two labellers on two files of one label set (issue 22, point 2): {@code label} beside {@code label --into
 * labels/extra.jsonl}, both saving the same items at once. The set's one lock and the re-read of every file under
 * it leave every item labelled once, in 20 rounds out of 20.
 */
class TwoFilesOneSetTest {
    private static final int ROUNDS = 20;
    private static final int ITEMS = 10;

    @TempDir
    Path tmp;

    @Test
    void twoServersOnTwoFilesOfOneSetNeverLabelAnItemTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path dir = Files.createDirectories(tmp.resolve("r" + round));
                Path labels = LabelFixtures.labelSet(dir);
                List<Candidate> items = LabelFixtures.pool(ITEMS);
                try (LabelTestServer a = new LabelTestServer(labels, labels.resolve("snippets.jsonl"), items, dir);
                        LabelTestServer b = new LabelTestServer(labels, labels.resolve("extra.jsonl"), items, dir)) {
                    CountDownLatch go = new CountDownLatch(1);
                    Future<Integer> fa = pool.submit(() -> saveAll(a, items, go));
                    Future<Integer> fb = pool.submit(() -> saveAll(b, items, go));
                    go.countDown();
                    assertEquals(ITEMS, fa.get() + fb.get(), "round " + round + ": each item acknowledged once");
                }
                // LabelReader refuses a set with a duplicate id or text: this read is the check.
                List<LabelledItem> read = LabelReader.read(labels).items();
                Map<String, Integer> count = new HashMap<>();
                read.forEach(i -> count.merge(i.id(), 1, Integer::sum));
                for (Candidate c : items) {
                    assertEquals(1, count.getOrDefault(c.id(), 0), "round " + round + ": " + c.id());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Saves every item; returns how many saves were acknowledged (the rest answered 409: already labelled). */
    private static int saveAll(LabelTestServer s, List<Candidate> items, CountDownLatch go) throws Exception {
        go.await();
        int acked = 0;
        for (Candidate c : items) {
            LabelTestServer.Response r = s.post("/api/save", "{\"id\":\"" + c.id() + "\",\"topics\":[]}");
            if (r.status() == 200) {
                acked++;
            } else if (r.status() != 409) {
                throw new AssertionError(r.status() + " " + r.body());
            }
        }
        return acked;
    }
}

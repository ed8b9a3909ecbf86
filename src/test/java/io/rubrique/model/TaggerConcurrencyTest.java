package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * One loaded tagger shared by many threads gives each exactly the answers it gives alone, including for the
 * learners whose Weka classes are not thread-safe at prediction time (SMO, and LibLINEAR's filters).
 */
class TaggerConcurrencyTest {
    private static final int THREADS = 16;
    private static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    static java.util.stream.Stream<String> learners() {
        return LearnerRegistry.standard().ids().stream();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("learners")
    void sixteenThreadsGetTheSingleThreadedAnswers(String type) throws Exception {
        LabelSet data = CoreFixtures.labels();
        CoreFixtures.trainAndSave(CoreFixtures.fixed(type, "logistic".equals(type) ? "\"max_features\": 300" : ""),
                data, 3, tmp);
        TopicTagger tagger = TopicTagger.load(tmp);
        List<LabelledItem> items = data.items();
        int n = items.size();

        TopicTagger reference = TopicTagger.load(tmp);
        List<Tagging> expected = new ArrayList<>();
        for (LabelledItem it : items) {
            expected.add(reference.tag(it.title(), it.text()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Tagging>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 3;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    List<Tagging> got = new ArrayList<>(ROUNDS * n);
                    for (int r = 0; r < ROUNDS; r++) {
                        for (int k = 0; k < n; k++) {
                            LabelledItem it = items.get((k + offset) % n);
                            got.add(tagger.tag(it.title(), it.text()));
                        }
                    }
                    return got;
                }));
            }
            ready.await();
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                List<Tagging> got = futures.get(t).get();
                for (int j = 0; j < got.size(); j++) {
                    int item = (j % n + t * 3) % n;
                    assertEquals(expected.get(item), got.get(j), type + ": thread " + t + ", item "
                            + items.get(item).id());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

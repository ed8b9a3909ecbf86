package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.FeatureConfig;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A thread that vectorized with a feature space does not keep that space alive afterwards (inner-fold
 * dictionaries in training, replaced models in a server): the per-thread scratch holds no reference to it.
 */
class ScratchRetentionTest {
    @Test
    void aLiveThreadDoesNotRetainTheSpacesItVectorizedWith() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            List<WeakReference<FeatureSpace>> refs = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                FeatureSpace space = FeatureSpace.fitTexts(List.<String[]>of(new String[] {"Titre " + k,
                        "La transformation numérique du pays, numéro " + k}), FeatureConfig.defaults());
                refs.add(new WeakReference<>(space));
                worker.submit(() -> space.vectorize("Titre", "la transformation numérique")).get();
            }
            // System.gc() is only a request: ask until the spaces are collected, up to a hang guard of 60 s that
            // only a space still reachable from the worker reaches.
            long guard = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (refs.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < guard) {
                System.gc();
                Thread.sleep(50);
            }
            long alive = refs.stream().filter(r -> r.get() != null).count();
            assertTrue(alive == 0, alive + " of 5 spaces still reachable from the worker thread");
            worker.submit(() -> { }).get();
        } finally {
            worker.shutdownNow();
        }
    }
}

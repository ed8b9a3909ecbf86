package io.rubrique.text;

import io.rubrique.util.Hashing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * One encoder's vectors, content-addressed: a text is looked up by the SHA-256 of (encoder id, weights digest,
 * token limit, normalised text) in the {@link EmbeddingCache} and embedded only when absent, at most once even when
 * threads ask for it at the same moment. The encoder's weights load on the first miss, so commands that find every
 * text in the cache, or never tag, never pay for them. Thread-safe.
 */
public final class Embeddings {
    /** Texts per call to the encoder; chunks of a batch run on all cores. */
    private static final int CHUNK = 8;

    private final TextEncoder.Provider provider;
    private final EmbeddingCache cache;
    private final Map<String, CompletableFuture<float[]>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();
    private volatile TextEncoder encoder;

    Embeddings(TextEncoder.Provider provider, EmbeddingCache cache) {
        this.provider = provider;
        this.cache = cache;
    }

    /** The vector of one text. */
    public float[] get(String text, int maxTokens) {
        return getAll(List.of(text), maxTokens).get(0);
    }

    /** The vectors of {@code texts}, in order, embedding only those not in the cache (in parallel chunks). */
    public List<float[]> getAll(List<String> texts, int maxTokens) {
        int n = texts.size();
        float[][] out = new float[n][];
        Map<Integer, CompletableFuture<float[]>> waiting = new HashMap<>();
        List<Integer> mine = new ArrayList<>();
        List<String> mineKeys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = key(texts.get(i), maxTokens);
            float[] v = cache.get(key);
            if (v != null) {
                out[i] = v;
                continue;
            }
            CompletableFuture<float[]> f = new CompletableFuture<>();
            CompletableFuture<float[]> other = inFlight.putIfAbsent(key, f);
            if (other != null) {
                waiting.put(i, other);
                continue;
            }
            // the owner of the previous flight may have finished between the lookup and the claim
            v = cache.get(key);
            if (v != null) {
                f.complete(v);
                inFlight.remove(key, f);
                out[i] = v;
                continue;
            }
            mine.add(i);
            mineKeys.add(key);
        }
        try {
            embedOwned(texts, maxTokens, mine, mineKeys, out);
        } catch (RuntimeException | Error e) {
            for (String key : mineKeys) {
                CompletableFuture<float[]> f = inFlight.remove(key);
                if (f != null) {
                    f.completeExceptionally(e);
                }
            }
            throw e;
        }
        waiting.forEach((i, f) -> out[i] = f.join());
        return List.of(out);
    }

    private void embedOwned(List<String> texts, int maxTokens, List<Integer> mine, List<String> keys,
            float[][] out) {
        if (mine.isEmpty()) {
            return;
        }
        TextEncoder enc = encoder();
        int chunks = (mine.size() + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(mine.size(), from + CHUNK);
            List<String> batch = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                batch.add(texts.get(mine.get(k)));
            }
            List<float[]> vs = enc.embed(batch, maxTokens);
            computed.addAndGet(batch.size());
            for (int k = from; k < to; k++) {
                float[] v = vs.get(k - from);
                if (v.length != provider.dimension()) {
                    throw new IllegalStateException(provider.id() + " returned " + v.length + " values, not "
                            + provider.dimension());
                }
                out[mine.get(k)] = v;
                String key = keys.get(k);
                cache.put(key, v);
                CompletableFuture<float[]> f = inFlight.remove(key);
                if (f != null) {
                    f.complete(v);
                }
            }
        });
    }

    private TextEncoder encoder() {
        TextEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                e = encoder;
                if (e == null) {
                    e = provider.load();
                    encoder = e;
                }
            }
        }
        return e;
    }

    /** The cache key of a text: what the vector depends on, and nothing else. */
    String key(String text, int maxTokens) {
        return Hashing.sha256(provider.id() + '\n' + provider.weightsSha256() + '\n' + maxTokens + '\n'
                + TextNormalizer.normalize(text));
    }

    /** How many texts this process has embedded (cache misses), for reports and tests. */
    public long computed() {
        return computed.get();
    }

    /** Whether the weights have been loaded in this process. */
    public boolean loaded() {
        return encoder != null;
    }
}

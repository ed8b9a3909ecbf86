package io.rubrique.text;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered encoders ({@code META-INF/services/io.rubrique.text.TextEncoder$Provider}) and, per encoder, the
 * one {@link Embeddings} of this process: its cache is shared by training, every cross-validation fold, suggest,
 * simulate, the labelling page and the server, and its weights load on the first text not in the cache.
 */
public final class TextEncoders {
    /** Property (or environment variable RUBRIQUE_CACHE) naming the cache root; default {@code .cache}. */
    public static final String CACHE_PROPERTY = "rubrique.cache";

    private static final Map<String, TextEncoder.Provider> PROVIDERS = discover();
    /** One cache per encoder id: a memo of immutable resources, filled once per id. */
    private static final Map<String, Embeddings> SHARED = new ConcurrentHashMap<>();

    private TextEncoders() {
    }

    private static Map<String, TextEncoder.Provider> discover() {
        Map<String, TextEncoder.Provider> m = new LinkedHashMap<>();
        for (TextEncoder.Provider p : ServiceLoader.load(TextEncoder.Provider.class,
                TextEncoders.class.getClassLoader())) {
            m.putIfAbsent(p.id(), p);
        }
        return Map.copyOf(m);
    }

    /** Ids of the registered encoders, sorted. */
    public static List<String> ids() {
        return PROVIDERS.keySet().stream().sorted().toList();
    }

    /** The provider of {@code id}; the message lists the known ids. */
    public static TextEncoder.Provider provider(String id) {
        TextEncoder.Provider p = PROVIDERS.get(id);
        if (p == null) {
            throw new IllegalArgumentException("features.encoder.model: unknown encoder '" + id + "' (known: "
                    + ids() + ")");
        }
        return p;
    }

    /** The process's embeddings of encoder {@code id} (its cache under {@link #cacheRoot()}). */
    public static Embeddings shared(String id) {
        TextEncoder.Provider p = provider(id);
        return SHARED.computeIfAbsent(id, k -> new Embeddings(p, EmbeddingCache.open(cacheRoot(), p)));
    }

    /** Where embedding caches live: {@code rubrique.cache}, else {@code RUBRIQUE_CACHE}, else {@code .cache}. */
    public static Path cacheRoot() {
        String s = System.getProperty(CACHE_PROPERTY);
        if (s == null || s.isBlank()) {
            s = System.getenv("RUBRIQUE_CACHE");
        }
        return Path.of(s == null || s.isBlank() ? ".cache" : s).resolve("embeddings");
    }
}

package io.rubrique.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast stand-in encoder for tests (registered under {@value #ID} by the test classpath's service file): a text's
 * vector is its hashed character trigrams in {@value #DIMENSION} dimensions, and every text it embeds is counted, so
 * tests can check that nothing is embedded twice without loading a real model.
 */
public final class CountingEncoder implements TextEncoder.Provider {
    public static final String ID = "test-counting";
    public static final int DIMENSION = 32;
    public static final String SHA256 = "0123456789abcdef".repeat(4);
    /** How many times each text was embedded, in this JVM. */
    public static final Map<String, AtomicInteger> EMBEDDED = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String weightsSha256() {
        return SHA256;
    }

    @Override
    public TextEncoder load() {
        return (texts, maxTokens) -> {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                EMBEDDED.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
                float[] v = new float[DIMENSION];
                String s = t.toLowerCase(java.util.Locale.ROOT);
                for (int i = 0; i + 3 <= s.length(); i++) {
                    v[Math.floorMod(s.substring(i, i + 3).hashCode(), DIMENSION)] += 1;
                }
                out.add(v);
            }
            return out;
        };
    }
}

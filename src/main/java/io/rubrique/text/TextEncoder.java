package io.rubrique.text;

import java.util.List;

/**
 * A pretrained sentence encoder: text in, one dense vector out. Implementations are plug-ins found through
 * {@link java.util.ServiceLoader} ({@link Provider}), so the feature block, the cache and the tests never name one.
 * Thread-safe.
 */
@FunctionalInterface
public interface TextEncoder {

    /**
     * The vectors of {@code texts}, in order; each text is first given the prefix the encoder was trained with
     * (e5: "passage: ") and cut after {@code maxTokens} of its tokens, prefix and special tokens included.
     */
    List<float[]> embed(List<String> texts, int maxTokens);

    /**
     * An encoder as registered: its id, dimension and the SHA-256 of its weights are known without loading it, so a
     * model file can be checked against it cheaply; {@link #load} reads the weights (seconds) and must verify that
     * digest against the bytes it runs.
     */
    interface Provider {
        /** The encoder id a config names ({@code features.encoder.model}). */
        String id();

        /** Length of every vector. */
        int dimension();

        /** SHA-256 of the weights file, lower-case hex. */
        String weightsSha256();

        TextEncoder load();
    }
}

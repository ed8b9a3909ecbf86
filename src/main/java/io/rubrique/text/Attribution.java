package io.rubrique.text;

import java.util.Map;
import java.util.Set;

/**
 * A snippet's vector and, for each of its features, the words of the snippet (or the name of a whole block, such as
 * "sentence meaning") it came from with their shares (summing to 1), so that explanations group contributions back
 * to what a reader can see.
 *
 * @param blockNames the names in {@code shares} that stand for a whole block rather than a word of the text: they are
 *                   shown as one contribution but never highlighted in the text
 */
public record Attribution(SparseVector vector, Map<Integer, Map<String, Double>> shares, Set<String> blockNames) {
    public Attribution {
        blockNames = Set.copyOf(blockNames);
    }

    /** An attribution whose every name is a word of the text. */
    public Attribution(SparseVector vector, Map<Integer, Map<String, Double>> shares) {
        this(vector, shares, Set.of());
    }

    /** Whether {@code name} is a word of the text (not a whole block's contribution). */
    public boolean isWord(String name) {
        return !blockNames.contains(name);
    }
}

package io.rubrique.text;

import java.util.Map;

/**
 * A snippet's vector and, for each of its features, the words of the snippet (or the name of a whole block, such as
 * "sentence meaning") it came from with their shares (summing to 1), so that explanations group contributions back
 * to what a reader can see.
 */
public record Attribution(SparseVector vector, Map<Integer, Map<String, Double>> shares) {
}

package io.rubrique.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted block of features: how a snippet becomes a vector of {@link #size()} values, each with a name, and for
 * explanations which words of the snippet each feature came from. Fitted on training items only, then read-only and
 * thread-safe. Blocks are concatenated by {@link FeatureBlocks}; a new feature type is one class implementing this
 * interface plus its config section and one registration line there.
 */
public interface Featurizer extends Serializable {

    /** How many features. */
    int size();

    /** Readable name of feature {@code i} (a prefix says the block: "w:", "c:", "e:"). */
    String name(int i);

    /** The block's weighted, normalised vector of one snippet. */
    SparseVector vectorize(String title, String text);

    /**
     * The vectors of many snippets ({title, text} pairs), in order. Blocks that gain from batching (an encoder)
     * override it; the result equals vectorizing one by one.
     */
    default List<SparseVector> vectorizeAll(List<String[]> items) {
        List<SparseVector> out = new ArrayList<>(items.size());
        for (String[] i : items) {
            out.add(vectorize(i[0], i[1]));
        }
        return out;
    }

    /** The vector and, per feature, what it came from with shares summing to 1 (for explanations). */
    Attribution attribute(String title, String text);

    /**
     * The pretrained parts these features depend on, as name to version (an encoder: "encoder e5-small-v2-q" to
     * "sha256:…" of its weights), for the model's provenance and manifest; empty for features fitted from data only.
     */
    default java.util.Map<String, String> pretrained() {
        return java.util.Map.of();
    }
}

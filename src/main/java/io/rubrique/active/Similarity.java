package io.rubrique.active;

import io.rubrique.config.EncoderConfig;
import io.rubrique.config.ExperimentConfig;

/**
 * What diversity and the cold start measure similarity on: the tf-idf word n-grams of {@link Selection} (always
 * available, learnt from no label), or the sentence encoder of the model's config when it has one (cosine of centred
 * embeddings, read from the shared embedding cache). Compared on the pool by {@code src/bench/study/DiversityStudy.java}
 * (experiments/ENCODER.md).
 */
public enum Similarity {
    /** tf-idf word 1-2-grams over the labelled items and the pool. */
    NGRAMS,
    /** The config's encoder ({@code features.encoder}) when it has one, else n-grams. */
    ENCODER;

    /**
     * What selection uses unless told otherwise: n-grams, since the encoder did not help on the pool (diversity
     * −0.006, cold start −0.041 learning-curve area; experiments/ENCODER.md).
     */
    public static final Similarity DEFAULT = NGRAMS;

    /** The encoder section a selection should measure similarity with under {@code config}, or none. */
    public EncoderConfig encoder(ExperimentConfig config) {
        return this == ENCODER && config != null && config.features().encoder().enabled()
                ? config.features().encoder() : EncoderConfig.none();
    }
}

package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How text becomes features: the French analysis chain, which n-grams, how terms are weighted.
 *
 * @param accentFolding     fold accents after stemming ("Hanoï" and "Hanoi" become one term)
 * @param stopWords         drop French stop words (Lucene's Snowball list) before word n-grams
 * @param stemming          "light" (Lucene's FrenchLightStemFilter), "minimal" or "none"
 * @param wordNgramMin      smallest word n-gram (0 disables word features)
 * @param wordNgramMax      largest word n-gram
 * @param charNgramMin      smallest character n-gram (0 disables character features)
 * @param charNgramMax      largest character n-gram
 * @param weighting         "binary", "log-tf" or "tf-idf" (log-tf times smoothed idf)
 * @param minDf             a term must occur in at least this many training items
 * @param titleWeight       multiplier on the counts of terms from the title
 * @param charWeight        multiplier on character n-gram values relative to word values
 * @param maxFeatures       keep only the most frequent terms (by document frequency); 0 keeps all
 * @param textMaxChars      read at most this many characters of the text (cut at a word boundary); 0 reads all.
 *                          Items are labelled on their title and lead, so a long article body mostly adds noise
 * @param encoder           the sentence-encoder block beside the n-grams ({@link EncoderConfig}); off by default
 *
 * <p>In JSON the n-gram fields sit directly in {@code features} and the encoder in its own section
 * ({@code features.encoder}); in Java build one with {@link #builder()} rather than the positional constructor.
 */
public record FeatureConfig(
        Boolean accentFolding,
        Boolean stopWords,
        String stemming,
        Integer wordNgramMin,
        Integer wordNgramMax,
        Integer charNgramMin,
        Integer charNgramMax,
        String weighting,
        Integer minDf,
        Double titleWeight,
        Double charWeight,
        Integer maxFeatures,
        Integer textMaxChars,
        EncoderConfig encoder) implements java.io.Serializable {

    public static final List<String> STEMMING = List.of("light", "minimal", "none");
    public static final List<String> WEIGHTING = List.of("binary", "log-tf", "tf-idf");

    public FeatureConfig {
        accentFolding = accentFolding == null ? Boolean.TRUE : accentFolding;
        stopWords = stopWords == null ? Boolean.TRUE : stopWords;
        stemming = stemming == null ? "light" : stemming;
        wordNgramMin = wordNgramMin == null ? 1 : wordNgramMin;
        wordNgramMax = wordNgramMax == null ? 2 : wordNgramMax;
        charNgramMin = charNgramMin == null ? 3 : charNgramMin;
        charNgramMax = charNgramMax == null ? 5 : charNgramMax;
        weighting = weighting == null ? "tf-idf" : weighting;
        minDf = minDf == null ? 1 : minDf;
        titleWeight = titleWeight == null ? 2.0 : titleWeight;
        charWeight = charWeight == null ? 1.0 : charWeight;
        maxFeatures = maxFeatures == null ? 0 : maxFeatures;
        textMaxChars = textMaxChars == null ? 0 : textMaxChars;
        encoder = encoder == null ? EncoderConfig.none() : encoder;
    }

    public static FeatureConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(new FeatureConfig(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named setters over the record's fields, so callers never depend on their order. */
    public static final class Builder {
        private Boolean accentFolding;
        private Boolean stopWords;
        private String stemming;
        private Integer wordNgramMin;
        private Integer wordNgramMax;
        private Integer charNgramMin;
        private Integer charNgramMax;
        private String weighting;
        private Integer minDf;
        private Double titleWeight;
        private Double charWeight;
        private Integer maxFeatures;
        private Integer textMaxChars;
        private EncoderConfig encoder;

        private Builder(FeatureConfig c) {
            accentFolding = c.accentFolding;
            stopWords = c.stopWords;
            stemming = c.stemming;
            wordNgramMin = c.wordNgramMin;
            wordNgramMax = c.wordNgramMax;
            charNgramMin = c.charNgramMin;
            charNgramMax = c.charNgramMax;
            weighting = c.weighting;
            minDf = c.minDf;
            titleWeight = c.titleWeight;
            charWeight = c.charWeight;
            maxFeatures = c.maxFeatures;
            textMaxChars = c.textMaxChars;
            encoder = c.encoder;
        }

        public Builder accentFolding(boolean v) {
            accentFolding = v;
            return this;
        }

        public Builder stopWords(boolean v) {
            stopWords = v;
            return this;
        }

        public Builder stemming(String v) {
            stemming = v;
            return this;
        }

        /** Word n-grams from {@code min} to {@code max} words; {@code min} 0 turns them off. */
        public Builder wordNgrams(int min, int max) {
            wordNgramMin = min;
            wordNgramMax = max;
            return this;
        }

        /** Character n-grams from {@code min} to {@code max} characters; {@code min} 0 turns them off. */
        public Builder charNgrams(int min, int max) {
            charNgramMin = min;
            charNgramMax = max;
            return this;
        }

        public Builder weighting(String v) {
            weighting = v;
            return this;
        }

        public Builder minDf(int v) {
            minDf = v;
            return this;
        }

        public Builder titleWeight(double v) {
            titleWeight = v;
            return this;
        }

        public Builder charWeight(double v) {
            charWeight = v;
            return this;
        }

        public Builder maxFeatures(int v) {
            maxFeatures = v;
            return this;
        }

        public Builder textMaxChars(int v) {
            textMaxChars = v;
            return this;
        }

        public Builder encoder(EncoderConfig v) {
            encoder = v;
            return this;
        }

        public FeatureConfig build() {
            return new FeatureConfig(accentFolding, stopWords, stemming, wordNgramMin, wordNgramMax, charNgramMin,
                    charNgramMax, weighting, minDf, titleWeight, charWeight, maxFeatures, textMaxChars, encoder);
        }
    }

    /** Problems with this section, each as "features.field: message"; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!STEMMING.contains(stemming)) {
            p.add("features.stemming: '" + stemming + "' is not one of " + STEMMING);
        }
        if (!WEIGHTING.contains(weighting)) {
            p.add("features.weighting: '" + weighting + "' is not one of " + WEIGHTING);
        }
        checkRange(p, "word_ngram", wordNgramMin, wordNgramMax, 4);
        checkRange(p, "char_ngram", charNgramMin, charNgramMax, 8);
        if (wordNgramMin == 0 && charNgramMin == 0) {
            p.add("features: word and character n-grams are both disabled; enable at least one");
        }
        if (minDf < 1) {
            p.add("features.min_df: must be at least 1, was " + minDf);
        }
        if (!(titleWeight >= 0) || titleWeight.isInfinite()) {
            p.add("features.title_weight: must be a finite number >= 0, was " + titleWeight);
        }
        if (!(charWeight > 0) || charWeight.isInfinite()) {
            p.add("features.char_weight: must be a finite number > 0, was " + charWeight);
        }
        if (textMaxChars < 0) {
            p.add("features.text_max_chars: must be 0 (no limit) or positive, was " + textMaxChars);
        }
        if (maxFeatures < 0) {
            p.add("features.max_features: must be 0 (no cap) or positive, was " + maxFeatures);
        }
        p.addAll(encoder.problems());
        return p;
    }

    private static void checkRange(List<String> p, String name, int min, int max, int limit) {
        if (min < 0 || min > limit) {
            p.add("features." + name + "_min: must be between 0 (off) and " + limit + ", was " + min);
        } else if (min > 0 && (max < min || max > limit)) {
            p.add("features." + name + "_max: must be between " + name + "_min (" + min + ") and " + limit
                    + ", was " + max);
        }
    }
}

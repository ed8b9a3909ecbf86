package io.rubrique.text;

import io.rubrique.config.FeatureConfig;

/**
 * Loads and initialises the text chain's classes (Lucene's French analysis: the tokenizer's state tables, the stop
 * and elision sets read from their resources, the stemmer; the normalisation and folding tables) on a background
 * thread, once per JVM. A one-off {@code classify} spends about a fifth of its life there the first time it tags;
 * started while the model file is checked and read, that work runs on the other core instead. It touches no model
 * and keeps nothing: what it leaves behind is initialised classes, which are the same whoever initialises them.
 */
public final class AnalysisWarmUp {
    private static final String SAMPLE = "L’ambassadeur du Vietnam a reçu mardi à Hanoï\u00A0les représentants"
            + " de la cybersécurité… « coopération numérique »";

    private AnalysisWarmUp() {
    }

    /** Starts the warm-up unless it has been started already in this JVM; returns at once. */
    public static void start() {
        Holder.touch();
    }

    /** Class initialisation is the "once": the thread starts when this class is first used, and only then. */
    private static final class Holder {
        static {
            Thread t = new Thread(AnalysisWarmUp::run, "rubrique-warm-up-text");
            t.setDaemon(true);
            t.start();
        }

        static void touch() {
        }
    }

    private static void run() {
        TermExtractor ex = new TermExtractor(FeatureConfig.defaults());
        ex.tokens(TextNormalizer.normalize(SAMPLE));
        AccentFolding.lowerFold(SAMPLE, true);
    }
}

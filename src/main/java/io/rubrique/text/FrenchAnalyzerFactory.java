package io.rubrique.text;

import io.rubrique.config.FeatureConfig;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.core.StopFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Builds the word analysis chain from Lucene filters: StandardTokenizer → ElisionFilter (l' d' qu' … with ' and ’)
 * → LowerCaseFilter → StopFilter (Snowball French list) → French light/minimal stemmer → ASCIIFoldingFilter.
 * Folding comes after stemming because the stemmer's rules expect accents; stop words are matched accented.
 */
public final class FrenchAnalyzerFactory {
    private FrenchAnalyzerFactory() {
    }

    /** A new analyzer; it is thread-safe (Lucene keeps one token stream per thread). */
    public static Analyzer create(FeatureConfig config) {
        boolean stop = config.stopWords();
        String stemming = config.stemming();
        boolean fold = config.accentFolding();
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
                ts = new LowerCaseFilter(ts);
                if (stop) {
                    ts = new StopFilter(ts, FrenchAnalyzer.getDefaultStopSet());
                }
                ts = switch (stemming) {
                    case "light" -> new FrenchLightStemFilter(ts);
                    case "minimal" -> new FrenchMinimalStemFilter(ts);
                    default -> ts;
                };
                if (fold) {
                    ts = new ASCIIFoldingFilter(ts);
                }
                return new TokenStreamComponents(source, ts);
            }
        };
    }
}

package io.rubrique.model;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;

/**
 * French function words (Lucene's French stop list, the elided {@code l' d' qu'}… forms, accent-folded too):
 * words that carry no topic. They still move scores through the character n-grams they share with other words,
 * so explanations and {@code inspect} fold them into "other" rather than list them as reasons.
 */
public final class FunctionWords {
    private static final Set<String> WORDS = load();

    private FunctionWords() {
    }

    private static Set<String> load() {
        Set<String> s = new HashSet<>();
        for (Object o : FrenchAnalyzer.getDefaultStopSet()) {
            String w = new String((char[]) o);
            s.add(w);
            s.add(fold(w));
        }
        // elided forms, and determiners, pronouns and auxiliaries the list lacks
        for (String w : List.of("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
                "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "et", "ou", "mais", "donc", "ni", "or",
                "son", "sa", "ses", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos", "leur",
                "leurs", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous", "vous", "lui", "y",
                "en", "se", "ne", "pas", "plus", "que", "qui", "dont", "quoi", "a", "à", "est", "sont", "ont", "été",
                "être", "avoir", "était", "sera", "fait", "avec", "pour", "par", "sur", "sous", "dans", "entre",
                "vers", "chez", "sans", "tout", "tous", "toute", "toutes", "très", "aussi", "ainsi", "comme", "depuis",
                "selon", "lors", "après", "avant", "pendant", "contre", "malgré", "durant", "via", "dont", "où")) {
            s.add(w);
            s.add(fold(w));
        }
        return Set.copyOf(s);
    }

    /** Lower case, accents removed. */
    static String fold(String w) {
        return Normalizer.normalize(w.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** Whether a word (any case, accents or not) is a function word. */
    public static boolean is(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        return WORDS.contains(w) || WORDS.contains(fold(w));
    }

    /**
     * Whether a character n-gram of the dictionary (spaces marking word edges, as in {@code " le"}) can only be
     * read as a piece of a function word: some function word starts with it when it starts at a word edge, ends
     * with it when it ends at one, equals it when both.
     */
    public static boolean isFragment(String gram) {
        boolean start = gram.startsWith(" ");
        boolean end = gram.endsWith(" ");
        String core = gram.strip();
        if (core.isEmpty()) {
            return true;
        }
        for (String w : WORDS) {
            if (start && end ? w.equals(core) : start ? w.startsWith(core) : end ? w.endsWith(core)
                    : w.contains(core)) {
                return true;
            }
        }
        return false;
    }
}

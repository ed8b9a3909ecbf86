package io.rubrique.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The strongest features of a topic as a reader would name them, for {@code inspect}: a word or two-word phrase
 * as the analyser keeps it (lower case, accents folded, lightly stemmed: {@code afair} stands for affaire(s));
 * a character n-gram as the piece of a word it is ({@code nu…} begins a word, {@code …tion} ends one,
 * {@code …umer…} sits inside one). Pieces of function words are dropped, and a piece already covered by a listed
 * word or by a stronger listed piece (the six overlapping n-grams of {@code numérique}) is folded into it.
 */
public final class ReadableTerms {
    /** What the forms mean, for the line above the lists. */
    public static final String LEGEND = "words and two-word phrases as the analyser keeps them (lower case, accents "
            + "folded, lightly stemmed); nu… = a word beginning \"nu\", …tion = a word ending \"tion\", "
            + "…umer… = \"umer\" inside a word (character n-grams)";

    private ReadableTerms() {
    }

    /**
     * At most {@code n} readable terms from features given strongest first (names "w:…" and "c:…" as the
     * dictionary holds them), with the weight of the feature each one stands for.
     */
    public static List<Explanation.Term> of(List<Explanation.Term> features, int n) {
        List<String> words = new ArrayList<>();
        List<String> pieces = new ArrayList<>();
        List<Explanation.Term> out = new ArrayList<>();
        for (Explanation.Term f : features) {
            if (out.size() >= n) {
                break;
            }
            String name = f.term();
            if (name.startsWith("w:")) {
                String phrase = name.substring(2);
                if (List.of(phrase.split(" ")).stream().allMatch(FunctionWords::is)) {
                    continue;
                }
                words.add(phrase);
                out.add(new Explanation.Term(phrase, f.contribution()));
            } else if (name.startsWith("c:")) {
                String gram = name.substring(2);
                String core = gram.strip();
                if (FunctionWords.isFragment(gram)) {
                    continue;
                }
                boolean folded = covered(core, words) || overlaps(core, pieces);
                pieces.add(core); // a folded piece still folds the pieces that continue it
                if (folded) {
                    continue;
                }
                out.add(new Explanation.Term((gram.startsWith(" ") ? "" : "…") + core + (gram.endsWith(" ") ? ""
                        : "…"), f.contribution()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** A piece inside a listed word, a listed word's stem inside the piece, or a piece that continues it. */
    private static boolean covered(String core, List<String> words) {
        for (String w : words) {
            for (String token : w.split(" ")) {
                if (token.contains(core) || token.length() >= 3 && core.contains(token) || joins(token, core)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A piece that shares three or more characters in a row with a listed piece, or continues it. */
    private static boolean overlaps(String core, List<String> pieces) {
        for (String p : pieces) {
            if (p.contains(core) || core.contains(p) || common(p, core) >= 3 || joins(p, core)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one ends with at least two characters the other begins with ("num" and "umer", "umer" and "eriq"). */
    private static boolean joins(String a, String b) {
        for (int k = 2; k <= Math.min(a.length(), b.length()); k++) {
            if (a.endsWith(b.substring(0, k)) || b.endsWith(a.substring(0, k))) {
                return true;
            }
        }
        return false;
    }

    /** Length of the longest common substring. */
    private static int common(String a, String b) {
        int best = 0;
        for (int i = 0; i < a.length(); i++) {
            for (int j = 0; j < b.length(); j++) {
                int k = 0;
                while (i + k < a.length() && j + k < b.length() && a.charAt(i + k) == b.charAt(j + k)) {
                    k++;
                }
                best = Math.max(best, k);
            }
        }
        return best;
    }
}

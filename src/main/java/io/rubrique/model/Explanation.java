package io.rubrique.model;

import java.util.Comparator;
import java.util.List;

/**
 * Why one topic got (or missed) one snippet: the raw score as the bias plus one contribution per word of the
 * snippet (feature value × weight, summed over the word n-grams and character n-grams the word took part in;
 * exact for the exported linear learners, so bias plus contributions is the raw score), the calibrated score, the
 * threshold (also on the raw scale), and whether the topic was assigned. For learners scored by Weka itself no
 * explanation is available and {@code available} is false: nothing is invented.
 *
 * @param terms every contribution, largest absolute value first
 */
public record Explanation(String topic, boolean available, double raw, double bias, double score, double threshold,
        Double rawThreshold, boolean assigned, List<Term> terms, String note) {
    public Explanation {
        terms = List.copyOf(terms);
    }

    /** A word of the snippet and how much it moved the raw score. */
    public record Term(String term, double contribution) {
    }

    /** The {@code n} words that pushed the score up most. */
    public List<Term> up(int n) {
        return terms.stream().filter(t -> t.contribution() > 0)
                .sorted(Comparator.comparingDouble(Term::contribution).reversed()).limit(n).toList();
    }

    /** The {@code n} words that pushed the score down most. */
    public List<Term> down(int n) {
        return terms.stream().filter(t -> t.contribution() < 0)
                .sorted(Comparator.comparingDouble(Term::contribution)).limit(n).toList();
    }

    /** The words that pushed the score up, strongest first (for highlighting). */
    public List<String> upWords(int n) {
        return up(n).stream().map(Term::term).toList();
    }

    /**
     * At most {@code n} words that pushed the score up by at least {@code share} of the strongest push: what is
     * worth highlighting (a long text has many words with tiny positive contributions).
     */
    public List<String> strongUpWords(double share, int n) {
        List<Term> up = up(n);
        if (up.isEmpty()) {
            return List.of();
        }
        double top = up.get(0).contribution();
        return up.stream().filter(t -> t.contribution() >= share * top).map(Term::term).toList();
    }

    static Explanation unavailable(String topic, double score, double threshold, boolean assigned, String why) {
        return new Explanation(topic, false, Double.NaN, Double.NaN, score, threshold, null, assigned, List.of(), why);
    }
}

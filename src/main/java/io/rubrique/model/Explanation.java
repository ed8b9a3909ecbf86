package io.rubrique.model;

import java.util.Comparator;
import java.util.List;

/**
 * Why one topic got (or missed) one snippet: the raw score as the bias plus one contribution per word of the
 * snippet (feature value × weight, summed over the word n-grams and character n-grams the word took part in;
 * exact for the exported linear learners, so bias plus contributions is the raw score), the calibrated score, the
 * threshold (also on the raw scale), and whether the topic was assigned. For learners scored by Weka itself no
 * explanation is available and {@code available} is false: nothing is invented. Function words ({@code le},
 * {@code et}, {@code du}: {@link FunctionWords}) are never listed as a reason: their share, which comes from the
 * character n-grams they have in common with other words, stays in "other".
 *
 * @param terms every contribution, largest absolute value first
 */
public record Explanation(String topic, boolean available, double raw, double bias, double score, double threshold,
        Double rawThreshold, boolean assigned, List<Term> terms, String note) {
    public Explanation {
        terms = List.copyOf(terms);
    }

    /**
     * A word of the snippet (or a whole block's name, such as "sentence meaning": {@code word} false) and how much it
     * moved the raw score.
     */
    public record Term(String term, double contribution, @com.fasterxml.jackson.annotation.JsonIgnore boolean word) {
        /** A word of the snippet. */
        public Term(String term, double contribution) {
            this(term, contribution, true);
        }
    }

    /** The {@code n} words (function words left out) that pushed the score up most. */
    public List<Term> up(int n) {
        return terms.stream().filter(t -> t.contribution() > 0 && !FunctionWords.is(t.term()))
                .sorted(Comparator.comparingDouble(Term::contribution).reversed()).limit(n).toList();
    }

    /** The {@code n} words (function words left out) that pushed the score down most. */
    public List<Term> down(int n) {
        return terms.stream().filter(t -> t.contribution() < 0 && !FunctionWords.is(t.term()))
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
        // a whole block's contribution ("sentence meaning") is no word of the text: it neither shows nor sets the bar
        List<Term> up = up(n + 1).stream().filter(Term::word).limit(n).toList();
        if (up.isEmpty()) {
            return List.of();
        }
        double top = up.get(0).contribution();
        return up.stream().filter(t -> t.contribution() >= share * top).map(Term::term).toList();
    }

    /**
     * The explanation as JSON-ready values (the one shape the CLI, the HTTP API and the labelling page use): score,
     * threshold, assigned, and when available the raw score, bias, raw threshold, the {@code top} words pushing
     * up and down as {@code [word, contribution]} pairs, and the sum of the other words' contributions, function
     * words included (so that bias + shown + other = raw).
     */
    public java.util.Map<String, Object> summary(int top) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("score", round(score));
        m.put("threshold", round(threshold));
        m.put("assigned", assigned);
        m.put("available", available);
        if (!available) {
            m.put("note", note);
            return m;
        }
        m.put("raw", round(raw));
        m.put("bias", round(bias));
        m.put("raw_threshold", rawThreshold == null ? null : round(rawThreshold));
        List<Term> up = up(top);
        List<Term> down = down(top);
        m.put("up", up.stream().map(t -> List.of(t.term(), round(t.contribution()))).toList());
        m.put("down", down.stream().map(t -> List.of(t.term(), round(t.contribution()))).toList());
        double shown = up.stream().mapToDouble(Term::contribution).sum() + down.stream().mapToDouble(Term::contribution)
                .sum();
        double all = terms.stream().mapToDouble(Term::contribution).sum();
        m.put("other", round(all - shown));
        if (!note.isEmpty()) {
            m.put("note", note);
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /**
     * One line for people: "security 0.62 >= 0.41 (raw 0.310 = bias -0.420 + words): up cybersécurité +0.840,
     * police +0.310; down visite -0.120". The words are as the text has them, lower-cased, accents folded.
     */
    public String line(int top) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%s %.2f %s %.2f", topic, score,
                assigned ? ">=" : "<", threshold));
        if (!available) {
            return sb.append(": ").append(note).toString();
        }
        sb.append(String.format(java.util.Locale.ROOT, " (raw %.3f = bias %.3f + words)", raw, bias));
        List<Term> u = up(top);
        List<Term> d = down(top);
        if (!u.isEmpty()) {
            sb.append("; up ").append(String.join(", ", u.stream().map(t -> String.format(java.util.Locale.ROOT,
                    "%s %+.3f", t.term(), t.contribution())).toList()));
        }
        if (!d.isEmpty()) {
            sb.append("; down ").append(String.join(", ", d.stream().map(t -> String.format(java.util.Locale.ROOT,
                    "%s %+.3f", t.term(), t.contribution())).toList()));
        }
        return sb.toString();
    }

    static Explanation unavailable(String topic, double score, double threshold, boolean assigned, String why) {
        return new Explanation(topic, false, Double.NaN, Double.NaN, score, threshold, null, assigned, List.of(), why);
    }
}

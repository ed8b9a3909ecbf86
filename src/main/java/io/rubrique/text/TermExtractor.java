package io.rubrique.text;

import io.rubrique.config.FeatureConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a title and a text into weighted term counts: word n-grams over the Lucene French chain and character
 * n-grams within word boundaries (padded with a space each side, like scikit-learn's {@code char_wb}). Character
 * n-grams keep glued words ("diplomatienumérique") classifiable. Terms are identified by a 64-bit FNV-1a hash so
 * that the hot path allocates no strings for character n-grams. Thread-safe.
 */
final class TermExtractor {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final char WORD_SEPARATOR = '\u0001';

    /** Chunks longer than this are analysed every time (URLs, glued words: rarely seen twice). */
    private static final int MAX_MEMO_CHUNK = 48;
    /** The chunk memo stops growing here (about 10 MB); chunks beyond it are analysed every time. */
    private static final int MAX_MEMO_CHUNKS = 100_000;

    private final FeatureConfig config;
    private final Analyzer analyzer;
    /** Analysed terms of the space-separated chunks seen so far (speed only; see {@link #wordTerms}). */
    private final java.util.concurrent.ConcurrentHashMap<String, char[][]> chunks =
            new java.util.concurrent.ConcurrentHashMap<>();

    TermExtractor(FeatureConfig config) {
        this.config = config;
        this.analyzer = FrenchAnalyzerFactory.create(config);
    }

    /**
     * Adds the terms of one snippet to {@code counts}; title terms count {@code titleWeight} times. When
     * {@code names} is given (fitting only) it also records a readable name for each hash.
     */
    void extract(String title, String text, TermSink counts, Map<Long, String> names) {
        forEachField(title, text, (field, weight) -> extractField(field, weight, counts, names));
    }

    /**
     * Calls {@code f} with the normalised title (at the title weight, skipped when that weight is 0) and then the
     * normalised text (cut to {@code text_max_chars}, weight 1): the field rules every extraction path shares.
     */
    private void forEachField(String title, String text, FieldConsumer f) {
        double tw = config.titleWeight();
        if (tw > 0 && title != null && !title.isEmpty()) {
            f.accept(TextNormalizer.normalize(title), tw);
        }
        if (text != null && !text.isEmpty()) {
            f.accept(TextNormalizer.normalize(head(text, config.textMaxChars())), 1.0);
        }
    }

    @FunctionalInterface
    private interface FieldConsumer {
        void accept(String normalisedField, double weight);
    }

    /** The first {@code max} characters of {@code text}, cut back to a word boundary; all of it when max is 0. */
    static String head(String text, int max) {
        if (max <= 0 || text.length() <= max) {
            return text;
        }
        int cut = max;
        while (cut > max / 2 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        return text.substring(0, cut > max / 2 ? cut : max);
    }

    /**
     * Like {@link #extract}, but each term occurrence also names the words of the snippet it was made from
     * (lower-cased and accent-folded, as the character n-grams see them): the word of a character n-gram, the
     * one or two words of a word n-gram. This is what explanations group contributions by.
     */
    void occurrences(String title, String text, OccurrenceSink sink) {
        TermSink ignore = (h, w) -> {
        };
        forEachField(title, text, (field, weight) -> extractField(field, weight, ignore, null, sink));
    }

    /** Receives a term occurrence with its weight and the words it was made from. */
    @FunctionalInterface
    interface OccurrenceSink {
        void add(long hash, double weight, List<String> words);
    }

    private void extractField(String s, double weight, TermSink counts, Map<Long, String> names) {
        extractField(s, weight, counts, names, null);
    }

    private void extractField(String s, double weight, TermSink counts, Map<Long, String> names,
            OccurrenceSink occ) {
        if (config.wordNgramMin() > 0) {
            List<String> surfaces = occ == null ? null : new ArrayList<>();
            wordNgrams(tokens(s, surfaces), surfaces, weight, counts, names, occ);
        }
        if (config.charNgramMin() > 0) {
            charNgrams(s, weight, counts, names, occ);
        }
    }

    /** The analysed word tokens of a normalized string. */
    List<String> tokens(String s) {
        return tokens(s, null);
    }

    /**
     * The analysed word tokens; when {@code surfaces} is given, it receives each token's source word
     * (lower-cased, accent-folded, without an elided article: "l’Internet" gives "internet").
     */
    private List<String> tokens(String s, List<String> surfaces) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", s)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset = surfaces == null ? null
                    : ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
                if (surfaces != null) {
                    surfaces.add(surfaceWord(s.substring(offset.startOffset(), offset.endOffset())));
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return out;
    }

    /** A source word as explanations name it: folded like the character n-grams, its longest piece. */
    private String surfaceWord(String raw) {
        String best = "";
        for (String piece : new String(foldForChars(raw)).split(" ")) {
            if (piece.length() > best.length()) {
                best = piece;
            }
        }
        return best;
    }

    private void wordNgrams(List<String> tokens, List<String> surfaces, double weight, TermSink counts,
            Map<Long, String> names, OccurrenceSink occ) {
        int min = config.wordNgramMin();
        int max = config.wordNgramMax();
        for (int i = 0; i < tokens.size(); i++) {
            long h = FNV_OFFSET ^ 'w';
            for (int n = 1; n <= max && i + n <= tokens.size(); n++) {
                if (n > 1) {
                    h = (h ^ WORD_SEPARATOR) * FNV_PRIME;
                }
                String t = tokens.get(i + n - 1);
                for (int k = 0; k < t.length(); k++) {
                    h = (h ^ t.charAt(k)) * FNV_PRIME;
                }
                if (n >= min) {
                    long key = nonZero(h);
                    counts.add(key, weight);
                    if (names != null) {
                        names.putIfAbsent(key, "w:" + String.join(" ", tokens.subList(i, i + n)));
                    }
                    if (occ != null) {
                        occ.add(key, weight, surfaces.subList(i, i + n));
                    }
                }
            }
        }
    }

    private void charNgrams(String s, double weight, TermSink counts, Map<Long, String> names, OccurrenceSink occ) {
        char[] folded = foldForChars(s);
        int min = config.charNgramMin();
        int max = config.charNgramMax();
        int i = 0;
        while (i < folded.length) {
            while (i < folded.length && folded[i] == ' ') {
                i++;
            }
            int start = i;
            while (i < folded.length && folded[i] != ' ') {
                i++;
            }
            if (i > start) {
                TermSink sink = counts;
                if (occ != null) {
                    List<String> word = List.of(new String(folded, start, i - start));
                    sink = (h, w) -> occ.add(h, w, word);
                }
                wordCharNgrams(folded, start, i, min, max, weight, sink, names);
            }
        }
    }

    /** N-grams of " word " (padded) for one word spanning folded[start, end). */
    private static void wordCharNgrams(char[] folded, int start, int end, int min, int max, double weight,
            TermSink counts, Map<Long, String> names) {
        int padded = end - start + 2;
        for (int p = 0; p < padded; p++) {
            long h = FNV_OFFSET ^ 'c';
            for (int n = 1; n <= max && p + n <= padded; n++) {
                int q = p + n - 1;
                char c = (q == 0 || q == padded - 1) ? ' ' : folded[start + q - 1];
                h = (h ^ c) * FNV_PRIME;
                if (n >= min) {
                    long key = nonZero(h);
                    counts.add(key, weight);
                    if (names != null && !names.containsKey(key)) {
                        names.put(key, "c:" + paddedSlice(folded, start, end, p, n));
                    }
                }
            }
        }
    }

    private static String paddedSlice(char[] folded, int start, int end, int from, int n) {
        StringBuilder sb = new StringBuilder(n);
        int padded = end - start + 2;
        for (int q = from; q < from + n; q++) {
            sb.append((q == 0 || q == padded - 1) ? ' ' : folded[start + q - 1]);
        }
        return sb.toString();
    }

    /** Lower-cased, optionally accent-folded copy where every non letter-or-digit is a space. */
    private char[] foldForChars(String s) {
        return AccentFolding.lowerFold(s, config.accentFolding());
    }

    /**
     * What {@link #extract} adds, for scoring: each term already looked up in {@code dictionary}, terms it lacks
     * left out, and each word's character n-grams taken from {@code memo} when that word was seen before. The
     * order of the additions within a field differs from {@link #extract}'s, which changes no count: within a
     * field every addition carries the same weight, and the title (every addition of it) still comes before the
     * text. {@code TermExtractorIndexedTest} pins the result to {@link #extract} followed by lookups.
     */
    void extractIndexed(String title, String text, LongIntMap dictionary, CharGramMemo memo, IndexSink sink) {
        forEachField(title, text, (field, weight) -> fieldIndexed(field, weight, dictionary, memo, sink));
    }

    /** Receives dictionary indices of term occurrences, with their weight. */
    @FunctionalInterface
    interface IndexSink {
        void add(int index, double weight);
    }

    private void fieldIndexed(String s, double weight, LongIntMap dictionary, CharGramMemo memo, IndexSink sink) {
        if (config.wordNgramMin() > 0) {
            wordNgramsIndexed(s, weight, dictionary, sink);
        }
        if (config.charNgramMin() > 0) {
            char[] folded = foldForChars(s);
            int i = 0;
            while (i < folded.length) {
                while (i < folded.length && folded[i] == ' ') {
                    i++;
                }
                int start = i;
                while (i < folded.length && folded[i] != ' ') {
                    i++;
                }
                if (i > start) {
                    int[] found = memo.get(folded, start, i);
                    if (found == null) {
                        found = wordCharNgramIndices(folded, start, i, dictionary);
                        memo.put(folded, start, i, found);
                    }
                    for (int f : found) {
                        sink.add(f, weight);
                    }
                }
            }
        }
    }

    /**
     * Word n-grams straight from the analyser's term buffer, with no token strings: the hash of the k-gram ending
     * at a token continues the (k-1)-gram ending at the token before, which is how {@link #wordNgrams} chains them.
     */
    private void wordNgramsIndexed(String s, double weight, LongIntMap dictionary, IndexSink sink) {
        int min = config.wordNgramMin();
        int max = config.wordNgramMax();
        long[] prev = new long[max + 1];
        long[] cur = new long[max + 1];
        int seen = 0;
        for (char[] b : wordTerms(s)) {
            int len = b.length;
            int upto = Math.min(max, seen + 1);
            for (int n = 1; n <= upto; n++) {
                long h = n == 1 ? FNV_OFFSET ^ 'w' : (prev[n - 1] ^ WORD_SEPARATOR) * FNV_PRIME;
                for (int k = 0; k < len; k++) {
                    h = (h ^ b[k]) * FNV_PRIME;
                }
                cur[n] = h;
                if (n >= min) {
                    int i = dictionary.get(nonZero(h));
                    if (i >= 0) {
                        sink.add(i, weight);
                    }
                }
            }
            long[] t = prev;
            prev = cur;
            cur = t;
            seen++;
        }
    }

    /**
     * The analysed word terms of a normalised field, in order. A space always ends a token and the tokenizer's
     * word-break rules never look across one (UAX #29: no rule joins across a space), so each space-separated
     * chunk analyses the same alone as in its text, and its terms are memoized: news text repeats its words, and
     * the Lucene chain was the largest part of tagging. Fields holding combining marks, format characters or
     * surrogates (the characters whose word-break rules attach them to a preceding space) go through the chain
     * whole. {@code TermExtractorIndexedTest} pins the result to the chain's.
     */
    private List<char[]> wordTerms(String s) {
        List<char[]> out = new ArrayList<>();
        if (!chunkable(s)) {
            analyse(s, out);
            return out;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                String chunk = s.substring(start, i);
                char[][] terms = chunks.get(chunk);
                if (terms == null) {
                    List<char[]> t = new ArrayList<>(2);
                    analyse(chunk, t);
                    terms = t.toArray(new char[0][]);
                    if (chunk.length() <= MAX_MEMO_CHUNK && chunks.size() < MAX_MEMO_CHUNKS) {
                        chunks.putIfAbsent(chunk, terms);
                    }
                }
                for (char[] t : terms) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static boolean chunkable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x300) {
                int type = Character.getType(c);
                if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                        || type == Character.COMBINING_SPACING_MARK || type == Character.FORMAT
                        || type == Character.SURROGATE) {
                    return false;
                }
            } else if (c == 0xAD) {
                return false; // soft hyphen: a format character
            }
        }
        return true;
    }

    /** Runs the Lucene chain over {@code s}, adding each term's characters to {@code out}. */
    private void analyse(String s, List<char[]> out) {
        try (TokenStream ts = analyzer.tokenStream("", s)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(java.util.Arrays.copyOf(term.buffer(), term.length()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
    }

    /** The dictionary indices of the character n-grams of one word, in {@link #wordCharNgrams}'s order. */
    private int[] wordCharNgramIndices(char[] folded, int start, int end, LongIntMap dictionary) {
        int min = config.charNgramMin();
        int max = config.charNgramMax();
        int padded = end - start + 2;
        int[] out = new int[padded * (max - min + 1)];
        int n = 0;
        for (int p = 0; p < padded; p++) {
            long h = FNV_OFFSET ^ 'c';
            for (int len = 1; len <= max && p + len <= padded; len++) {
                int q = p + len - 1;
                char c = (q == 0 || q == padded - 1) ? ' ' : folded[start + q - 1];
                h = (h ^ c) * FNV_PRIME;
                if (len >= min) {
                    int i = dictionary.get(nonZero(h));
                    if (i >= 0) {
                        out[n++] = i;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Receives each term occurrence as (hash, weight). */
    @FunctionalInterface
    interface TermSink {
        void add(long hash, double weight);
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}

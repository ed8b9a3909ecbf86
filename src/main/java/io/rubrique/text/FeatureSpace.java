package io.rubrique.text;

import io.rubrique.config.FeatureConfig;
import io.rubrique.data.LabelledItem;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fitted feature dictionary: which terms exist (document frequency ≥ {@code min_df} in the training items),
 * their indices and idf, and how counts are weighted and normalised. Fitted on training items only, then
 * read-only, so {@link #vectorize} is thread-safe and builds no dictionary per call.
 *
 * <p>Vectors are L2-normalised per block (word n-grams, character n-grams), the character block scaled by
 * {@code char_weight}, then the whole vector L2-normalised.
 */
public final class FeatureSpace implements Featurizer {
    private static final long serialVersionUID = 2L;
    /**
     * Per-thread scratch, shared by every feature space: one dense accumulator per thread, grown to the largest
     * dictionary that thread has used. Static and holding no reference to any space, so a thread never keeps a
     * dictionary alive (inner-fold dictionaries in training, replaced models in a server).
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final FeatureConfig config;
    private final long[] keys;
    private final LongIntMap index;
    private final float[] idf;
    private final boolean[] isChar;
    private final String[] names;
    private final TermExtractor extractor;
    /** Character n-gram indices of the words this space has seen (speed only; never serialized). */
    private final transient CharGramMemo memo = new CharGramMemo();
    /** {@code config.weighting()} resolved once: 0 binary, 1 log-tf, 2 tf-idf. */
    private final transient int weighting;

    private FeatureSpace(FeatureConfig config, long[] keys, float[] idf, boolean[] isChar, String[] names) {
        this.config = config;
        this.keys = keys;
        int[] vals = new int[keys.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = i;
        }
        this.index = new LongIntMap(keys, vals);
        this.idf = idf;
        this.isChar = isChar;
        this.names = names;
        this.extractor = new TermExtractor(config);
        this.weighting = switch (config.weighting()) {
            case "binary" -> 0;
            case "log-tf" -> 1;
            default -> 2;
        };
    }

    /** Classes of a serialized space, for the model file's allow-list. */
    static final List<String> SERIALIZED_CLASSES = List.of("io.rubrique.text.FeatureSpace$Form",
            "io.rubrique.text.FeatureSpace", "io.rubrique.config.FeatureConfig", "io.rubrique.config.EncoderConfig");

    /** The n-gram block of a config (always on), weight 1: its own normalisation makes it a unit vector. */
    static java.util.Optional<FeatureBlocks.Weighted> block(List<String[]> items, FeatureConfig config) {
        return java.util.Optional.of(new FeatureBlocks.Weighted(fitTexts(items, config), 1.0));
    }

    /** Fits the dictionary and idf on {@code items} (and nothing else). */
    public static FeatureSpace fit(List<LabelledItem> items, FeatureConfig config) {
        return fitTexts(items.stream().map(i -> new String[] {i.title(), i.text()}).toList(), config);
    }

    /** Fits the dictionary and idf on (title, text) pairs. */
    public static FeatureSpace fitTexts(List<String[]> items, FeatureConfig config) {
        TermExtractor extractor = new TermExtractor(config);
        Map<Long, String> names = new HashMap<>();
        Map<Long, int[]> df = new HashMap<>();
        for (String[] item : items) {
            TermCounts counts = new TermCounts(256);
            extractor.extract(item[0], item[1], counts::add, names);
            counts.forEach((h, c) -> df.computeIfAbsent(h, k -> new int[1])[0]++);
        }
        List<Long> kept = new ArrayList<>();
        df.forEach((h, d) -> {
            if (d[0] >= config.minDf()) {
                kept.add(h);
            }
        });
        // Deterministic order: by name, so the same data gives the same attribute order on every JVM.
        kept.sort(Comparator.comparing(names::get));
        if (config.maxFeatures() > 0 && kept.size() > config.maxFeatures()) {
            List<Long> byDf = new ArrayList<>(kept);
            byDf.sort(Comparator.<Long>comparingInt(h -> -df.get(h)[0]).thenComparing(names::get));
            Set<Long> top = new LinkedHashSet<>(byDf.subList(0, config.maxFeatures()));
            kept.removeIf(h -> !top.contains(h));
        }
        int n = kept.size();
        long[] keys = new long[n];
        float[] idf = new float[n];
        boolean[] isChar = new boolean[n];
        String[] termNames = new String[n];
        double docs = items.size();
        for (int i = 0; i < n; i++) {
            long h = kept.get(i);
            keys[i] = h;
            idf[i] = (float) (Math.log((1 + docs) / (1 + df.get(h)[0])) + 1);
            termNames[i] = names.get(h);
            isChar[i] = termNames[i].startsWith("c:");
        }
        return new FeatureSpace(config, keys, idf, isChar, termNames);
    }

    @Override
    public int size() {
        return idf.length;
    }

    public FeatureConfig config() {
        return config;
    }

    /** Readable name of feature {@code i}: "w:" + word n-gram or "c:" + character n-gram. */
    @Override
    public String name(int i) {
        return names[i];
    }

    /** All feature names. */
    public Set<String> vocabulary() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }

    /** The weighted, normalised vector of one snippet; terms unknown to the dictionary are ignored. */
    @Override
    public SparseVector vectorize(String title, String text) {
        Scratch sc = SCRATCH.get();
        sc.begin(idf.length);
        extractor.extractIndexed(title, text, index, memo, sc);
        int nnz = sc.touchedCount;
        int[] indices = sc.sortedTouched();
        double[] values = new double[nnz];
        double wordNorm = 0;
        double charNorm = 0;
        for (int k = 0; k < nnz; k++) {
            int i = indices[k];
            double v = weight(sc.counts[i], i);
            sc.counts[i] = 0;
            values[k] = v;
            if (isChar[i]) {
                charNorm += v * v;
            } else {
                wordNorm += v * v;
            }
        }
        sc.touchedCount = 0;
        double wScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
        double cScale = charNorm > 0 ? config.charWeight() / Math.sqrt(charNorm) : 0;
        double total = 0;
        for (int k = 0; k < nnz; k++) {
            values[k] *= isChar[indices[k]] ? cScale : wScale;
            total += values[k] * values[k];
        }
        if (total > 0) {
            double s = 1 / Math.sqrt(total);
            for (int k = 0; k < nnz; k++) {
                values[k] *= s;
            }
        }
        return new SparseVector(indices, values);
    }

    /**
     * Per-thread accumulator: a dense count array the size of the dictionary plus the list of touched indices, so
     * a call costs one dictionary probe per term occurrence and no hashing of its own. Reset after each use.
     */
    private static final class Scratch implements TermExtractor.IndexSink {
        double[] counts = new double[0];
        int[] touched = new int[256];
        int touchedCount;

        /** One bit per feature: set when touched, so touched indices can be read back in order. */
        long[] bits = new long[1];

        void begin(int size) {
            if (counts.length < size) {
                counts = new double[size];
                bits = new long[(size >>> 6) + 1];
            }
        }

        /**
         * The touched indices in increasing order, clearing the bit set. Few touches in a large dictionary are
         * sorted; otherwise the bit set is swept, which is linear and beats sorting a snippet's ~1,000 indices.
         */
        int[] sortedTouched() {
            int[] out = new int[touchedCount];
            if ((long) touchedCount * 16 < bits.length) {
                System.arraycopy(touched, 0, out, 0, touchedCount);
                Arrays.sort(out);
                for (int i : out) {
                    bits[i >>> 6] = 0;
                }
                return out;
            }
            int k = 0;
            for (int w = 0; w < bits.length && k < out.length; w++) {
                long word = bits[w];
                while (word != 0) {
                    out[k++] = (w << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                }
                bits[w] = 0;
            }
            return out;
        }

        @Override
        public void add(int i, double weight) {
            if (counts[i] == 0) {
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touched.length * 2);
                }
                touched[touchedCount++] = i;
                bits[i >>> 6] |= 1L << i;
            }
            counts[i] += weight;
        }
    }

    private double weight(double count, int i) {
        return switch (weighting) {
            case 0 -> 1.0;
            case 1 -> log1p(count);
            default -> log1p(count) * idf[i];
        };
    }

    /** {@link Math#log1p} of small whole counts, the usual case, computed once by the same function. */
    private static final double[] LOG1P = log1pTable(64);

    private static double[] log1pTable(int n) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = Math.log1p(k);
        }
        return t;
    }

    private static double log1p(double count) {
        int k = (int) count;
        return k == count && k >= 0 && k < LOG1P.length ? LOG1P[k] : Math.log1p(count);
    }

    /** The analysed word tokens of a string (for inspection and tests). */
    public List<String> tokens(String s) {
        return extractor.tokens(TextNormalizer.normalize(s));
    }

    /**
     * The snippet's vector and, for each of its features, the words of the snippet it came from with their
     * shares of its occurrences (summing to 1; a title occurrence counts {@code title_weight} times), for
     * explanations that group contributions back to words.
     */
    @Override
    public Attribution attribute(String title, String text) {
        SparseVector v = vectorize(title, text);
        Map<Integer, Map<String, Double>> shares = new HashMap<>();
        extractor.occurrences(title, text, (hash, weight, words) -> {
            int i = index.get(hash);
            if (i < 0) {
                return;
            }
            Map<String, Double> m = shares.computeIfAbsent(i, k -> new java.util.LinkedHashMap<>());
            for (String w : words) {
                m.merge(w, weight / words.size(), Double::sum);
            }
        });
        for (Map<String, Double> m : shares.values()) {
            double total = m.values().stream().mapToDouble(Double::doubleValue).sum();
            m.replaceAll((w, x) -> x / total);
        }
        return new Attribution(v, shares);
    }

    /** For each feature of {@code other}, the index of the same term here, or -1 when this space lacks it. */
    public int[] indicesOf(FeatureSpace other) {
        int[] out = new int[other.keys.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = index.get(other.keys[j]);
        }
        return out;
    }

    /** The term hash of feature {@code i} (for rebuilding and checking dictionaries). */
    long key(int i) {
        return keys[i];
    }

    /** Whether feature {@code i} is a character n-gram. */
    public boolean isCharNgram(int i) {
        return isChar[i];
    }

    /**
     * A serialized space is its {@link Form}: the terms in index order, not the hash table, which is rebuilt on
     * load (a hand-made table could make lookups loop), after checking that the arrays agree.
     */
    private Object writeReplace() {
        return new Form(config, keys, idf, isChar, names);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a FeatureSpace is read through its serialized form only");
    }

    private record Form(FeatureConfig config, long[] keys, float[] idf, boolean[] isChar, String[] names)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() throws InvalidObjectException {
            if (config == null || keys == null || idf == null || isChar == null || names == null
                    || idf.length != keys.length || isChar.length != keys.length || names.length != keys.length) {
                throw new InvalidObjectException("feature space arrays are missing or disagree in length");
            }
            // Distinct keys are checked on a sorted copy (a set of boxed keys took a tenth of the load time); only a
            // malformed space goes through the set, to name its first bad feature.
            long[] sorted = keys.clone();
            Arrays.sort(sorted);
            boolean ok = true;
            for (int i = 0; i < keys.length && ok; i++) {
                ok = keys[i] != 0 && names[i] != null && idf[i] > 0 && (i == 0 || sorted[i] != sorted[i - 1]);
            }
            if (!ok) {
                java.util.Set<Long> seen = new java.util.HashSet<>();
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i] == 0 || !seen.add(keys[i]) || names[i] == null || !(idf[i] > 0)) {
                        throw new InvalidObjectException("feature " + i + " is malformed");
                    }
                }
            }
            if (!config.problems().isEmpty()) {
                throw new InvalidObjectException("feature config: " + config.problems());
            }
            return new FeatureSpace(config, keys, idf, isChar, names);
        }
    }
}

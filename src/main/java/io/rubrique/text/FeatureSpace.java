package io.rubrique.text;

import io.rubrique.config.FeatureConfig;
import io.rubrique.data.LabelledItem;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
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
public final class FeatureSpace implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FeatureConfig config;
    private final LongIntMap index;
    private final float[] idf;
    private final boolean[] isChar;
    private final String[] names;
    private transient TermExtractor extractor;
    private transient volatile ThreadLocal<Scratch> scratch;

    private FeatureSpace(FeatureConfig config, LongIntMap index, float[] idf, boolean[] isChar, String[] names) {
        this.config = config;
        this.index = index;
        this.idf = idf;
        this.isChar = isChar;
        this.names = names;
        this.extractor = new TermExtractor(config);
    }

    /** Fits the dictionary and idf on {@code items} (and nothing else). */
    public static FeatureSpace fit(List<LabelledItem> items, FeatureConfig config) {
        TermExtractor extractor = new TermExtractor(config);
        Map<Long, String> names = new HashMap<>();
        Map<Long, int[]> df = new HashMap<>();
        for (LabelledItem item : items) {
            TermCounts counts = new TermCounts(256);
            extractor.extract(item.title(), item.text(), counts::add, names);
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
        int[] vals = new int[n];
        float[] idf = new float[n];
        boolean[] isChar = new boolean[n];
        String[] termNames = new String[n];
        double docs = items.size();
        for (int i = 0; i < n; i++) {
            long h = kept.get(i);
            keys[i] = h;
            vals[i] = i;
            idf[i] = (float) (Math.log((1 + docs) / (1 + df.get(h)[0])) + 1);
            termNames[i] = names.get(h);
            isChar[i] = termNames[i].startsWith("c:");
        }
        return new FeatureSpace(config, new LongIntMap(keys, vals), idf, isChar, termNames);
    }

    public int size() {
        return idf.length;
    }

    public FeatureConfig config() {
        return config;
    }

    /** Readable name of feature {@code i}: "w:" + word n-gram or "c:" + character n-gram. */
    public String name(int i) {
        return names[i];
    }

    /** All feature names. */
    public Set<String> vocabulary() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }

    /** The weighted, normalised vector of one snippet; terms unknown to the dictionary are ignored. */
    public SparseVector vectorize(String title, String text) {
        Scratch sc = scratch();
        extractor.extract(title, text, sc, null);
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

    private Scratch scratch() {
        ThreadLocal<Scratch> tl = scratch;
        if (tl == null) {
            synchronized (this) {
                if (scratch == null) {
                    scratch = ThreadLocal.withInitial(() -> new Scratch(idf.length));
                }
                tl = scratch;
            }
        }
        return tl.get();
    }

    /**
     * Per-thread accumulator: a dense count array the size of the dictionary plus the list of touched indices, so
     * a call costs one dictionary probe per term occurrence and no hashing of its own. Reset after each use.
     */
    private final class Scratch implements TermExtractor.TermSink {
        final double[] counts;
        int[] touched = new int[256];
        int touchedCount;

        /** One bit per feature: set when touched, so touched indices can be read back in order. */
        final long[] bits;

        Scratch(int size) {
            counts = new double[size];
            bits = new long[(size >>> 6) + 1];
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
        public void add(long hash, double weight) {
            int i = index.get(hash);
            if (i < 0) {
                return;
            }
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
        return switch (config.weighting()) {
            case "binary" -> 1.0;
            case "log-tf" -> Math.log1p(count);
            default -> Math.log1p(count) * idf[i];
        };
    }

    /** The analysed word tokens of a string (for inspection and tests). */
    public List<String> tokens(String s) {
        return extractor.tokens(TextNormalizer.normalize(s));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        extractor = new TermExtractor(config);
    }
}

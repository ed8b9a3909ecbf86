package io.rubrique.text;

import io.rubrique.config.FeatureConfig;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The feature blocks a config asks for, concatenated: block {@code b}'s features sit at indices {@code offset[b]}
 * onwards, each block normalised by itself and scaled by its weight. With one block of weight 1 (the n-gram-only
 * configs) {@link #fit} returns that block itself, so such a model computes exactly what it did before blocks
 * existed.
 */
public final class FeatureBlocks implements Featurizer {
    private static final long serialVersionUID = 1L;

    /** A fitted block and the weight its (already normalised) values are multiplied by. */
    public record Weighted(Featurizer block, double weight) {
    }

    /**
     * A kind of feature block: how to fit it from the training texts and the config (empty when the config leaves it
     * off), what it can compute ahead for texts no matter which of them a fold trains on ({@code prepare}: nothing
     * for a fitted block, the vectors for a pretrained encoder), and the classes its fitted form is serialized with
     * (for the model file's allow-list).
     */
    public record BlockType(String section, BiFunction<List<String[]>, FeatureConfig, Optional<Weighted>> fitter,
            java.util.function.BiConsumer<List<String[]>, FeatureConfig> prepare, List<String> serializedClasses) {
    }

    /** Every kind of block, in concatenation order: one line per feature type. */
    public static final List<BlockType> TYPES = List.of(
            new BlockType("features (n-grams)", FeatureSpace::block, (items, config) -> { },
                    FeatureSpace.SERIALIZED_CLASSES),
            new BlockType("features.encoder", EncoderBlock::block, EncoderBlock::prepare,
                    EncoderBlock.SERIALIZED_CLASSES));

    /** Classes of the concatenation itself, for the model file's allow-list. */
    public static final List<String> SERIALIZED_CLASSES = List.of("io.rubrique.text.FeatureBlocks",
            "io.rubrique.text.FeatureBlocks$Form", "io.rubrique.text.Featurizer");

    private final Featurizer[] blocks;
    private final double[] weights;
    private final transient int[] offsets;
    private final transient int size;

    private FeatureBlocks(Featurizer[] blocks, double[] weights) {
        this.blocks = blocks;
        this.weights = weights;
        this.offsets = new int[blocks.length];
        int at = 0;
        for (int b = 0; b < blocks.length; b++) {
            offsets[b] = at;
            at += blocks[b].size();
        }
        this.size = at;
    }

    /** Fits every block the config enables on {@code items} ({title, text} pairs) and nothing else. */
    public static Featurizer fit(List<String[]> items, FeatureConfig config) {
        List<Weighted> fitted = new ArrayList<>();
        for (BlockType t : TYPES) {
            t.fitter().apply(items, config).ifPresent(fitted::add);
        }
        return of(fitted);
    }

    /**
     * Computes ahead, once and on all cores, what every block can compute for {@code items} ({title, text} pairs)
     * without fitting (the encoder's vectors, into its cache), so that parallel cross-validation folds find it
     * there instead of computing it side by side.
     */
    public static void prepare(List<String[]> items, FeatureConfig config) {
        for (BlockType t : TYPES) {
            t.prepare().accept(items, config);
        }
    }

    /** The concatenation of {@code blocks}; a single block of weight 1 is returned as it is. */
    public static Featurizer of(List<Weighted> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no feature block");
        }
        if (blocks.size() == 1 && blocks.get(0).weight() == 1.0) {
            return blocks.get(0).block();
        }
        return new FeatureBlocks(blocks.stream().map(Weighted::block).toArray(Featurizer[]::new),
                blocks.stream().mapToDouble(Weighted::weight).toArray());
    }

    /** The blocks and their weights, in concatenation order. */
    public List<Weighted> blocks() {
        List<Weighted> out = new ArrayList<>();
        for (int b = 0; b < blocks.length; b++) {
            out.add(new Weighted(blocks[b], weights[b]));
        }
        return out;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String name(int i) {
        int b = blockOf(i);
        return blocks[b].name(i - offsets[b]);
    }

    private int blockOf(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("feature " + i + " of " + size);
        }
        int b = blocks.length - 1;
        while (offsets[b] > i) {
            b--;
        }
        return b;
    }

    @Override
    public SparseVector vectorize(String title, String text) {
        SparseVector[] parts = new SparseVector[blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            parts[b] = blocks[b].vectorize(title, text);
        }
        return concat(parts);
    }

    @Override
    public List<SparseVector> vectorizeAll(List<String[]> items) {
        List<List<SparseVector>> perBlock = new ArrayList<>();
        for (Featurizer f : blocks) {
            perBlock.add(f.vectorizeAll(items));
        }
        List<SparseVector> out = new ArrayList<>(items.size());
        for (int k = 0; k < items.size(); k++) {
            SparseVector[] parts = new SparseVector[blocks.length];
            for (int b = 0; b < blocks.length; b++) {
                parts[b] = perBlock.get(b).get(k);
            }
            out.add(concat(parts));
        }
        return out;
    }

    private SparseVector concat(SparseVector[] parts) {
        int nnz = 0;
        for (SparseVector p : parts) {
            nnz += p.nnz();
        }
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        int k = 0;
        for (int b = 0; b < parts.length; b++) {
            int[] pi = parts[b].indices();
            double[] pv = parts[b].values();
            for (int j = 0; j < pi.length; j++, k++) {
                idx[k] = pi[j] + offsets[b];
                val[k] = pv[j] * weights[b];
            }
        }
        return new SparseVector(idx, val);
    }

    @Override
    public Attribution attribute(String title, String text) {
        SparseVector[] parts = new SparseVector[blocks.length];
        Map<Integer, Map<String, Double>> shares = new HashMap<>();
        java.util.Set<String> blockNames = new java.util.HashSet<>();
        for (int b = 0; b < blocks.length; b++) {
            Attribution a = blocks[b].attribute(title, text);
            parts[b] = a.vector();
            int off = offsets[b];
            a.shares().forEach((i, m) -> shares.put(i + off, m));
            blockNames.addAll(a.blockNames());
        }
        return new Attribution(concat(parts), shares, blockNames);
    }

    @Override
    public Map<String, String> pretrained() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Featurizer f : blocks) {
            m.putAll(f.pretrained());
        }
        return m;
    }

    private Object writeReplace() {
        return new Form(blocks, weights);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("feature blocks are read through their serialized form only");
    }

    private record Form(Featurizer[] blocks, double[] weights) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() throws InvalidObjectException {
            if (blocks == null || weights == null || blocks.length == 0 || blocks.length != weights.length) {
                throw new InvalidObjectException("feature blocks and weights are missing or disagree in length");
            }
            for (int b = 0; b < blocks.length; b++) {
                if (blocks[b] == null || !(weights[b] > 0) || Double.isInfinite(weights[b])) {
                    throw new InvalidObjectException("feature block " + b + " is malformed");
                }
            }
            return new FeatureBlocks(blocks.clone(), weights.clone());
        }
    }
}

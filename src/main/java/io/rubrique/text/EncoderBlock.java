package io.rubrique.text;

import io.rubrique.config.EncoderConfig;
import io.rubrique.config.FeatureConfig;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sentence-encoder block: each snippet becomes one L2-normalised dense vector from a pretrained encoder
 * ({@link TextEncoder}), looked up in the shared {@link Embeddings} cache. Nothing is fitted (the encoder is
 * pretrained), so a training fold learns nothing from its test items here. The block records its encoder's id and
 * the SHA-256 of its weights; a model file is refused when this build's encoder of that id has other weights.
 * In explanations its features count as one contribution, {@value #CONTRIBUTION}.
 */
public final class EncoderBlock implements Featurizer {
    private static final long serialVersionUID = 1L;
    /** What the block's contribution is called in explanations. */
    public static final String CONTRIBUTION = "sentence meaning";
    static final List<String> SERIALIZED_CLASSES = List.of("io.rubrique.text.EncoderBlock",
            "io.rubrique.text.EncoderBlock$Form", "io.rubrique.config.EncoderConfig");

    private final EncoderConfig config;
    private final String weightsSha256;
    private final int dimension;
    private final transient int[] indices;
    private final transient Map<Integer, Map<String, Double>> shares;

    private EncoderBlock(EncoderConfig config, String weightsSha256, int dimension) {
        this.config = config;
        this.weightsSha256 = weightsSha256;
        this.dimension = dimension;
        this.indices = new int[dimension];
        Map<Integer, Map<String, Double>> s = new HashMap<>();
        Map<String, Double> whole = Map.of(CONTRIBUTION, 1.0);
        for (int i = 0; i < dimension; i++) {
            indices[i] = i;
            s.put(i, whole);
        }
        this.shares = Map.copyOf(s);
    }

    /** The block a config asks for ({@code features.encoder}), with its weight; empty when the section is off. */
    static Optional<FeatureBlocks.Weighted> block(List<String[]> items, FeatureConfig config) {
        EncoderConfig c = config.encoder();
        if (!c.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new FeatureBlocks.Weighted(of(c), c.weight()));
    }

    /** Embeds {@code items} into the shared cache when the config has an encoder section (see FeatureBlocks#prepare). */
    static void prepare(List<String[]> items, FeatureConfig config) {
        if (config.encoder().enabled() && !items.isEmpty()) {
            of(config.encoder()).vectorizeAll(items);
        }
    }

    /** The block of an enabled encoder section on its own, unweighted (e.g. similarity for active learning). */
    public static EncoderBlock of(EncoderConfig c) {
        TextEncoder.Provider p = TextEncoders.provider(c.model());
        return new EncoderBlock(c, p.weightsSha256(), p.dimension());
    }

    /** The encoder id this block was made with. */
    public String encoderId() {
        return config.model();
    }

    /** SHA-256 of the weights this block was made with. */
    public String weightsSha256() {
        return weightsSha256;
    }

    @Override
    public int size() {
        return dimension;
    }

    @Override
    public String name(int i) {
        return "e:" + config.model() + "#" + i;
    }

    /** The text the encoder reads, from the configured fields. */
    String input(String title, String text) {
        String t = title == null ? "" : title.strip();
        String x = text == null ? "" : text.strip();
        return switch (config.chosenFields()) {
            case TITLE -> t.isEmpty() ? x : t;
            case TEXT -> x;
            case TITLE_AND_TEXT -> t.isEmpty() ? x : x.isEmpty() ? t : t + ". " + x;
        };
    }

    @Override
    public SparseVector vectorize(String title, String text) {
        return unit(TextEncoders.shared(config.model()).get(input(title, text), config.maxTokens()));
    }

    @Override
    public List<SparseVector> vectorizeAll(List<String[]> items) {
        List<String> texts = new ArrayList<>(items.size());
        for (String[] i : items) {
            texts.add(input(i[0], i[1]));
        }
        List<SparseVector> out = new ArrayList<>(items.size());
        for (float[] v : TextEncoders.shared(config.model()).getAll(texts, config.maxTokens())) {
            out.add(unit(v));
        }
        return out;
    }

    private SparseVector unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        double s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        double[] values = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            values[i] = v[i] * s;
        }
        return new SparseVector(indices, values);
    }

    @Override
    public Attribution attribute(String title, String text) {
        return new Attribution(vectorize(title, text), shares, java.util.Set.of(CONTRIBUTION));
    }

    @Override
    public Map<String, String> pretrained() {
        return Map.of("encoder " + config.model(), "sha256:" + weightsSha256);
    }

    private Object writeReplace() {
        return new Form(config, weightsSha256, dimension);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an encoder block is read through its serialized form only");
    }

    private record Form(EncoderConfig config, String weightsSha256, int dimension) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() throws InvalidObjectException {
            if (config == null || weightsSha256 == null || !config.enabled() || !config.problems().isEmpty()) {
                throw new InvalidObjectException("encoder block is malformed");
            }
            TextEncoder.Provider p;
            try {
                p = TextEncoders.provider(config.model());
            } catch (IllegalArgumentException e) {
                throw new InvalidObjectException("the model was made with encoder '" + config.model()
                        + "', which this build does not have (known: " + TextEncoders.ids() + ")");
            }
            if (!p.weightsSha256().equals(weightsSha256) || p.dimension() != dimension) {
                throw new InvalidObjectException("the model was made with encoder " + config.model() + " weights "
                        + weightsSha256.substring(0, Math.min(12, weightsSha256.length())) + "…, this build has "
                        + p.weightsSha256().substring(0, 12) + "…: retrain the model");
            }
            return new EncoderBlock(config, weightsSha256, dimension);
        }
    }
}

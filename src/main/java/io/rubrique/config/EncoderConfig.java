package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentence-encoder feature block ({@code features.encoder}): a pretrained in-process encoder turns each snippet
 * into one dense, L2-normalised vector, concatenated beside the n-grams and scaled by {@code weight}.
 *
 * @param model     encoder id ({@code e5-small-v2-q}, {@code all-minilm-l6-v2-q}), or "none" (the default): no block.
 *                  Which ids exist is checked when features are fitted (the encoders are plug-ins of the text package)
 * @param fields    what is embedded: "title+text" (the title, ". ", then the text), "title" or "text"
 * @param maxTokens the embedded text is cut after this many of the encoder's tokens (encoding time grows with it)
 * @param weight    multiplier on the block's unit vector, relative to the n-gram block's unit vector
 */
public record EncoderConfig(String model, String fields, Integer maxTokens, Double weight)
        implements java.io.Serializable {

    public static final String NONE = "none";
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** What is embedded; the spelling in a config is {@link #id()}. */
    public enum Fields implements Choice {
        /** The title, ". ", then the text (either alone when the other is empty). */
        TITLE_AND_TEXT("title+text"),
        /** The title (the text when there is no title). */
        TITLE("title"),
        /** The text. */
        TEXT("text");

        private final String id;

        Fields(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    public static final List<String> FIELDS = Choice.ids(Fields.class);

    public EncoderConfig {
        model = model == null ? NONE : model;
        fields = fields == null ? "title+text" : fields;
        maxTokens = maxTokens == null ? 128 : maxTokens;
        weight = weight == null ? 1.0 : weight;
    }

    public static EncoderConfig none() {
        return new EncoderConfig(null, null, null, null);
    }

    /** {@code fields} as its constant. */
    public Fields chosenFields() {
        return Choice.of(Fields.class, fields, "features.encoder.fields");
    }

    /** Whether the config asks for an encoder block. */
    public boolean enabled() {
        return !NONE.equals(model);
    }

    /** Problems with this section, each as "features.encoder.field: message"; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!ID.matcher(model).matches()) {
            p.add("features.encoder.model: '" + model + "' is not an encoder id (letters, digits, '.', '_', '-')");
        }
        if (!FIELDS.contains(fields)) {
            p.add("features.encoder.fields: '" + fields + "' is not one of " + FIELDS);
        }
        if (maxTokens < 8 || maxTokens > 512) {
            p.add("features.encoder.max_tokens: must be between 8 and 512, was " + maxTokens);
        }
        if (!(weight > 0) || weight.isInfinite()) {
            p.add("features.encoder.weight: must be a finite number > 0, was " + weight);
        }
        return p;
    }
}

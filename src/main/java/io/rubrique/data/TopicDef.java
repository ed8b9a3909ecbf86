package io.rubrique.data;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One topic of a label set, as declared in {@code labels/topics.json}: its id (the spelling used in labels,
 * configs and APIs), a display name, the definition labellers apply, and optional seed words (French terms that
 * point to the topic; used as weak evidence when a topic has few labels and to seek candidates for it).
 */
public record TopicDef(String id, String name, String definition, List<String> seedWords) implements Serializable {
    /** Lower-case letters, digits and inner hyphens: safe in JSON keys, URLs, file names and Prometheus labels. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final long serialVersionUID = 1L;

    public TopicDef {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches() || id.length() > 40) {
            throw new IllegalArgumentException("topic id '" + id + "' must be 1-40 lower-case letters, digits and"
                    + " inner hyphens");
        }
        name = name == null || name.isBlank() ? id : name;
        definition = definition == null ? "" : definition;
        seedWords = seedWords == null ? List.of() : List.copyOf(seedWords);
    }
}

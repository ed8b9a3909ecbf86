package io.rubrique.data;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One hand-labelled item from {@code labels/*.jsonl}: an article or teaser and its (possibly empty) topic set.
 * {@code title} may be empty, {@code text} never is.
 */
public record LabelledItem(String id, ItemKind kind, String source, String title, String text, Set<Topic> topics) {
    public LabelledItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        source = source == null ? "" : source;
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
        EnumSet<Topic> copy = EnumSet.noneOf(Topic.class);
        copy.addAll(topics);
        topics = Collections.unmodifiableSet(copy);
    }

    public boolean has(Topic topic) {
        return topics.contains(topic);
    }

    /** The item as an unlabelled snippet, the form a tagger sees. */
    public Snippet snippet() {
        return new Snippet(id, title, text);
    }
}

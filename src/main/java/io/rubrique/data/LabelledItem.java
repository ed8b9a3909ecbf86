package io.rubrique.data;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One hand-labelled item from {@code labels/*.jsonl}: an article or teaser and its (possibly empty) set of topic
 * ids, in the declared order of the label set's {@link TopicSet}. {@code title} may be empty, {@code text} never is.
 */
public record LabelledItem(String id, ItemKind kind, String source, String title, String text, Set<String> topics) {
    public LabelledItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        source = source == null ? "" : source;
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
        topics = Collections.unmodifiableSet(new LinkedHashSet<>(topics));
    }

    public boolean has(String topic) {
        return topics.contains(topic);
    }

    /** The item as an unlabelled snippet, the form a tagger sees. */
    public Snippet snippet() {
        return new Snippet(id, title, text);
    }
}

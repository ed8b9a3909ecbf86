package io.rubrique.data;

import java.util.Objects;

/** Text to be tagged: an optional id, an optional title and the text (lead or body). */
public record Snippet(String id, String title, String text) {
    public Snippet {
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
    }
}

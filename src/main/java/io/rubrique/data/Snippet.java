package io.rubrique.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Text to be tagged: an optional id, an optional title, the text (lead or body) and the optional day it was
 * published ({@link ItemDate}; null when unknown), which quantification groups timelines by.
 */
public record Snippet(String id, String title, String text, LocalDate date) {
    public Snippet {
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
    }

    /** An undated snippet. */
    public Snippet(String id, String title, String text) {
        this(id, title, text, null);
    }
}

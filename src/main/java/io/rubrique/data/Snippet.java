package io.rubrique.data;

import java.time.LocalDate;

/**
 * Text to be tagged: an optional id, an optional title, the text (lead or body) and the optional day it was
 * published ({@link ItemDate}; null when unknown), which quantification groups timelines by.
 */
public record Snippet(String id, String title, String text, LocalDate date) {
    public Snippet {
        title = title == null ? "" : title;
        requireText(text);
    }

    /**
     * The one check every tagging path makes (Java API, loaded model, snippets): a null text is an
     * {@link IllegalArgumentException} with the same message everywhere.
     */
    public static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return text;
    }

    /** An undated snippet. */
    public Snippet(String id, String title, String text) {
        this(id, title, text, null);
    }
}

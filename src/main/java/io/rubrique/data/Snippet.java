package io.rubrique.data;

/** Text to be tagged: an optional id, an optional title and the text (lead or body). */
public record Snippet(String id, String title, String text) {
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
}

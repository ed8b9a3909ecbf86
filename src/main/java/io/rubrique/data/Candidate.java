package io.rubrique.data;

import java.util.Objects;

/**
 * An unlabelled record cut from a raw page by {@code rubrique ingest}: what {@code labels/inbox.jsonl} holds
 * until the lead adds its {@code topics}. {@code text} is never empty (a teaser without a lead repeats its title).
 * {@code date} is the day it was published when known ({@code ingest --date}), else null.
 */
public record Candidate(String id, ItemKind kind, String source, String title, String text,
        java.time.LocalDate date) {
    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("candidate '" + title + "' has an empty text");
        }
    }

    /** An undated candidate. */
    public Candidate(String id, ItemKind kind, String source, String title, String text) {
        this(id, kind, source, title, text, null);
    }

    /** The same candidate published on {@code day}. */
    public Candidate withDate(java.time.LocalDate day) {
        return new Candidate(id, kind, source, title, text, day);
    }

    /** A candidate with its stable id ({@link TextKey#id}). */
    public static Candidate of(ItemKind kind, String source, String title, String text) {
        return new Candidate(TextKey.id(kind, title), kind, source, title, text);
    }

    public String titleKey() {
        return TextKey.of(title);
    }

    public String textKey() {
        return TextKey.of(text);
    }
}

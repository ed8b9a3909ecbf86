package io.rubrique.data;

import java.util.Optional;

/**
 * Limits and character rules every label or inbox record obeys, checked the same way when a record is written
 * ({@code ingest}, the labelling page) as when it is read ({@code validate}, {@code train}), so that nothing is
 * ever written that cannot be read back.
 */
public final class RecordLimits {
    /** Longest record line, in UTF-8 bytes (the longest seed article is about 5 KB). */
    public static final int MAX_LINE_BYTES = 4 << 20;
    public static final int MAX_TEXT_CHARS = 1_000_000;
    public static final int MAX_TITLE_CHARS = 2_000;
    public static final int MAX_ID_CHARS = 200;
    public static final int MAX_SOURCE_CHARS = 2_000;

    private RecordLimits() {
    }

    /** The character limit of a field. */
    public static int maxChars(String field) {
        return switch (field) {
            case "text" -> MAX_TEXT_CHARS;
            case "title" -> MAX_TITLE_CHARS;
            case "id" -> MAX_ID_CHARS;
            default -> MAX_SOURCE_CHARS;
        };
    }

    /** A field that breaks a limit or a character rule, and how. */
    public record FieldProblem(String field, String message) {
    }

    /**
     * The problems of a record's fields ({@link #problem} for each, in the order given): one check that writers
     * ({@code ingest}) and readers (pools) share.
     */
    public static java.util.List<FieldProblem> problems(java.util.LinkedHashMap<String, String> fields) {
        java.util.List<FieldProblem> out = new java.util.ArrayList<>();
        fields.forEach((field, value) -> problem(field, value).ifPresent(m -> out.add(new FieldProblem(field, m))));
        return out;
    }

    /**
     * What is wrong with a field's value, if anything: too long, a lone surrogate (half of an emoji, which no
     * UTF-8 writer can encode), or a control character (line breaks and tabs are allowed in title and text only).
     */
    public static Optional<String> problem(String field, String value) {
        int max = maxChars(field);
        if (value.length() > max) {
            return Optional.of("%,d characters, more than the limit of %,d".formatted(value.length(), max));
        }
        boolean multiline = field.equals("text") || field.equals("title");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("lone surrogate U+%04X at character %d (not valid Unicode text)".formatted(
                        (int) c, i + 1));
            }
            boolean allowedSpace = multiline && (c == '\n' || c == '\t' || c == '\r');
            if ((c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) && !allowedSpace) {
                return Optional.of("control character U+%04X at character %d".formatted((int) c, i + 1));
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return Optional.of("non-character U+%04X at character %d".formatted((int) c, i + 1));
            }
        }
        return Optional.empty();
    }
}

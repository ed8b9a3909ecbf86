package io.rubrique.data;

import io.rubrique.util.Hashing;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Comparison keys for titles and texts, so that the same teaser cut from two pages (different spaces, apostrophes,
 * quotes or dashes) is recognised as one record; and the stable ids derived from them.
 */
public final class TextKey {
    private static final int ID_HEX_CHARS = 12;

    private TextKey() {
    }

    /**
     * NFKC, lower case, accents kept, typographic apostrophes/quotes/dashes unified, whitespace collapsed, and no
     * space around quotes or before {@code : ; ! ?}.
     *
     * <p>One pass over the characters after NFKC and lower-casing (a chain of regular expressions cost 0.1 ms per
     * 1,000-character item, which made {@code suggest} on a 10k pool spend seconds here); {@code TextKeyTest}
     * holds that chain as the reference it must agree with.
     */
    public static String of(String text) {
        char[] s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .toCharArray();
        // 1. unify apostrophes, quotes and dashes, collapse each whitespace run to one space, then trim
        int len = 0;
        boolean inSpace = false;
        for (char c : s) {
            if (isWhiteSpace(c)) {
                inSpace = true;
                continue;
            }
            if (inSpace) {
                s[len++] = ' ';
                inSpace = false;
            }
            s[len++] = unify(c);
        }
        if (inSpace) {
            s[len++] = ' ';
        }
        int from = 0;
        while (from < len && s[from] <= ' ') {
            from++;
        }
        while (len > from && s[len - 1] <= ' ') {
            len--;
        }
        // 2. French typography spaces quotes and high punctuation ("« oui » : non"), other sources do not
        // ("\"oui\": non"): drop one space on either side of a quote and the space before : ; ! ?
        char[] out = new char[len - from];
        int o = 0;
        for (int i = from; i < len; i++) {
            char c = s[i];
            char next = i + 1 < len ? s[i + 1] : 0;
            if (c == ' ' && next == '"' || c == '"') {
                out[o++] = '"';
                i += c == ' ' ? 1 : 0;
                if (i + 1 < len && s[i + 1] == ' ') {
                    i++;
                }
            } else if (c == ' ' && (next == ':' || next == ';' || next == '!' || next == '?')) {
                out[o++] = next;
                i++;
            } else {
                out[o++] = c;
            }
        }
        return new String(out, 0, o);
    }

    private static char unify(char c) {
        if (c < '`') {
            return c;
        }
        switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u02BC', '\u2032', '\u00B4', '`':
                return '\'';
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033', '\u2039', '\u203A':
                return '"';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
                return '-';
            default:
                return c;
        }
    }

    /** Unicode White_Space, as {@code \s} matches under {@code UNICODE_CHARACTER_CLASS}. */
    private static boolean isWhiteSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || c >= 0x9 && c <= 0xD;
        }
        if (c < 0xA0) {
            return c == 0x85;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * The stable id of an ingested item: {@code a-} (article) or {@code t-} (teaser) and the first 12 hex digits
     * of the SHA-256 of its normalised title. The title (not the text) is the identity because leads are
     * truncated at different lengths on different pages while the title stays; 48 bits make a clash between
     * distinct titles negligible at the corpus sizes we handle.
     */
    public static String id(ItemKind kind, String title) {
        String prefix = kind == ItemKind.ARTICLE ? "a-" : "t-";
        return prefix + Hashing.sha256(of(title)).substring(0, ID_HEX_CHARS);
    }
}

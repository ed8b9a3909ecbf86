package io.rubrique.data;

import io.rubrique.util.Hashing;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Comparison keys for titles and texts, so that the same teaser cut from two pages (different spaces, apostrophes,
 * quotes or dashes) is recognised as one record; and the stable ids derived from them.
 */
public final class TextKey {
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u201A\u201B\u02BC\u2032\u00B4`]");
    private static final Pattern QUOTES = Pattern.compile("[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2039\u203A]");
    private static final Pattern DASHES = Pattern.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]");
    // after NFKC, NBSP and U+202F are plain spaces; \s with UNICODE_CHARACTER_CLASS also catches the rest
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    // French typography spaces quotes and high punctuation ("« oui » : non"), other sources do not ("\"oui\": non")
    private static final Pattern SPACED_PUNCTUATION = Pattern.compile(" ?(\") ?| ([:;!?])");
    private static final int ID_HEX_CHARS = 12;

    private TextKey() {
    }

    /**
     * NFKC, lower case, accents kept, typographic apostrophes/quotes/dashes unified, whitespace collapsed, and no
     * space around quotes or before {@code : ; ! ?}.
     */
    public static String of(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = QUOTES.matcher(s).replaceAll("\"");
        s = DASHES.matcher(s).replaceAll("-");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        return SPACED_PUNCTUATION.matcher(s).replaceAll("$1$2");
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

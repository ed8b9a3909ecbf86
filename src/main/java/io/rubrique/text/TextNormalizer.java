package io.rubrique.text;

import java.text.Normalizer;

/**
 * First link of the chain: Unicode NFKC (so "14ᵉ" becomes "14e" and compatibility forms unify) and every kind of
 * space (NBSP, narrow NBSP, zero-width) turned into a plain space. The seeds contain all of them.
 */
public final class TextNormalizer {
    private TextNormalizer() {
    }

    public static String normalize(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            char r = switch (c) {
                case '\u00A0', '\u202F', '\u2007', '\u2009', '\u200A', '\u3000' -> ' ';
                case '\u200B', '\u200C', '\u200D', '\uFEFF' -> '\0';
                default -> c;
            };
            if (r != c && sb == null) {
                sb = new StringBuilder(n.length()).append(n, 0, i);
            }
            if (sb != null && r != '\0') {
                sb.append(r);
            }
        }
        return sb == null ? n : sb.toString();
    }
}

package io.rubrique.text;

import java.text.Normalizer;

/**
 * First link of the chain: Unicode NFKC (so "14ᵉ" becomes "14e" and compatibility forms unify) and every kind of
 * space (NBSP, narrow NBSP, zero-width) turned into a plain space. The seeds contain all of them.
 *
 * <p>French news is made of characters for which NFKC is a per-character table, so most strings skip the JDK's
 * normalizer (which cost a sixth of tagging a snippet whenever the snippet held one NBSP or "…"). The table covers
 * U+0000–U+02FF and U+2000–U+20CF, where every character has canonical combining class 0 and none can be the second
 * character of a composition; there a character is <em>stable</em> when NFKC leaves it alone, and <em>mapped</em>
 * when NFKC turns it into stable characters only (NBSP → space, "…" → "..."). A string of stable and mapped
 * characters normalizes character by character (nothing can reorder or compose across such characters, UAX #15),
 * and the table is filled by the JDK's own normalizer, so the result is the same; any other string goes to the
 * normalizer as before. {@code TextNormalizerTest} compares the two on every table character and on random mixes.
 */
public final class TextNormalizer {
    private static final int LATIN_END = 0x300;
    private static final int PUNCT_START = 0x2000;
    private static final int PUNCT_END = 0x20D0;
    /** NFKC of each table character when it is stable (the character itself) or mapped; null otherwise. */
    private static final String[] NFKC = table();
    private static final byte OTHER = 0;
    private static final byte STABLE = 1;
    private static final byte MAPPED = 2;
    /** Per table character: STABLE, MAPPED or OTHER (a small array the scan reads instead of the strings). */
    private static final byte[] KIND = kinds();

    private TextNormalizer() {
    }

    private static boolean inTable(int c) {
        return c < LATIN_END || (c >= PUNCT_START && c < PUNCT_END);
    }

    private static String mapping(int c) {
        return c < LATIN_END ? NFKC[c] : NFKC[LATIN_END + c - PUNCT_START];
    }

    private static String[] table() {
        String[] t = new String[LATIN_END + PUNCT_END - PUNCT_START];
        boolean[] stable = new boolean[t.length];
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < PUNCT_END; c = c + 1 == LATIN_END ? PUNCT_START : c + 1) {
                int k = c < LATIN_END ? c : LATIN_END + c - PUNCT_START;
                String one = String.valueOf((char) c);
                String n = Normalizer.normalize(one, Normalizer.Form.NFKC);
                if (pass == 0) {
                    stable[k] = n.equals(one);
                    continue;
                }
                boolean ok = true;
                for (int i = 0; i < n.length() && ok; i++) {
                    char x = n.charAt(i);
                    ok = inTable(x) && stable[x < LATIN_END ? x : LATIN_END + x - PUNCT_START];
                }
                t[k] = ok ? n : null;
            }
        }
        return t;
    }

    private static byte[] kinds() {
        byte[] k = new byte[NFKC.length];
        for (int i = 0; i < k.length; i++) {
            int c = i < LATIN_END ? i : i - LATIN_END + PUNCT_START;
            String m = NFKC[i];
            k[i] = m == null ? OTHER : m.length() == 1 && m.charAt(0) == c ? STABLE : MAPPED;
        }
        return k;
    }

    private static byte kind(char c) {
        return c < LATIN_END ? KIND[c] : c >= PUNCT_START && c < PUNCT_END ? KIND[LATIN_END + c - PUNCT_START] : OTHER;
    }

    public static String normalize(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String n = nfkc(s);
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            // Zero-width characters are dropped (a flag, not a sentinel char: a NUL in the text is kept).
            boolean drop = c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF';
            char r = switch (c) {
                case '\u00A0', '\u202F', '\u2007', '\u2009', '\u200A', '\u3000' -> ' ';
                default -> c;
            };
            if ((drop || r != c) && sb == null) {
                sb = new StringBuilder(n.length()).append(n, 0, i);
            }
            if (sb != null && !drop) {
                sb.append(r);
            }
        }
        return sb == null ? n : sb.toString();
    }

    /** NFKC of {@code s}: through the table when every character is in it, else the JDK's normalizer. */
    private static String nfkc(String s) {
        int len = s.length();
        int i = 0;
        byte k = STABLE;
        for (; i < len; i++) {
            k = kind(s.charAt(i));
            if (k != STABLE) {
                break;
            }
        }
        if (i == len) {
            return s;
        }
        if (k == OTHER) {
            return jdk(s);
        }
        StringBuilder sb = new StringBuilder(len + 16).append(s, 0, i);
        for (; i < len; i++) {
            char c = s.charAt(i);
            k = kind(c);
            if (k == STABLE) {
                sb.append(c);
            } else if (k == MAPPED) {
                sb.append(mapping(c));
            } else {
                return jdk(s);
            }
        }
        return sb.toString();
    }

    private static String jdk(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
}

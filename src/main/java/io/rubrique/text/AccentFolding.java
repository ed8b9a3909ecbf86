package io.rubrique.text;

import java.util.Arrays;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * Lucene's {@link ASCIIFoldingFilter#foldToASCII} with a lookup table for the Latin characters French text is made
 * of (U+0000–U+024F). The table is filled by Lucene's own function when the class loads, so the result is identical;
 * other characters go to Lucene directly. It matters because folding runs on every character of every snippet.
 *
 * <p>{@link #lowerFold} does in one pass what the character n-grams need before folding too (lower case, and a
 * space for everything that is not a letter or digit), again from tables filled by the very functions it stands
 * for ({@link Character#toLowerCase(char)}, {@link Character#isLetterOrDigit(char)}, this folding), so it equals
 * applying them one after the other.
 */
final class AccentFolding {
    private static final int TABLE_END = 0x250;
    /** Folded form of each character below TABLE_END (most are one character long). */
    private static final String[] TABLE = table();
    /** Where the one-pass tables stop: Latin, punctuation such as ’ « » – …, currency signs. */
    private static final int LOWER_END = 0x2100;
    /** Per character below LOWER_END: its lower-cased, spaced and folded form when one character long, else 0. */
    private static final char[] LOWER_FOLDED = lowerTable(true);
    /** The same without folding. */
    private static final char[] LOWER_ONLY = lowerTable(false);

    private AccentFolding() {
    }

    private static String[] table() {
        String[] t = new String[TABLE_END];
        char[] out = new char[8];
        for (char c = 0; c < TABLE_END; c++) {
            int len = ASCIIFoldingFilter.foldToASCII(new char[] {c}, 0, out, 0, 1);
            t[c] = new String(out, 0, len);
        }
        return t;
    }

    private static char[] lowerTable(boolean fold) {
        char[] t = new char[LOWER_END];
        char[] out = new char[8];
        for (char c = 0; c < LOWER_END; c++) {
            char x = spacedLower(c);
            if (!fold) {
                t[c] = x;
                continue;
            }
            int len = ASCIIFoldingFilter.foldToASCII(new char[] {x}, 0, out, 0, 1);
            t[c] = len == 1 ? out[0] : 0; // 0 is never a result: it is not a letter or digit, so it becomes ' '
        }
        return t;
    }

    /** The character lower-cased, or a space when that is not a letter or digit. */
    private static char spacedLower(char c) {
        char x = Character.toLowerCase(c);
        return Character.isLetterOrDigit(x) ? x : ' ';
    }

    static char[] fold(char[] in) {
        char[] out = new char[in.length * 2 + 8];
        int n = 0;
        char[] one = new char[1];
        for (char c : in) {
            if (n + 4 >= out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (c < TABLE_END) {
                String f = TABLE[c];
                if (f.length() == 1) {
                    out[n++] = f.charAt(0);
                } else {
                    for (int k = 0; k < f.length(); k++) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, out.length * 2);
                        }
                        out[n++] = f.charAt(k);
                    }
                }
            } else {
                one[0] = c;
                char[] buf = new char[4];
                int len = ASCIIFoldingFilter.foldToASCII(one, 0, buf, 0, 1);
                if (n + len >= out.length) {
                    out = Arrays.copyOf(out, out.length * 2 + len);
                }
                System.arraycopy(buf, 0, out, n, len);
                n += len;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * {@code s} lower-cased character by character, every non letter-or-digit a space, then folded when
     * {@code fold} is set: the same as {@code fold(}those characters{@code )}, in one pass.
     */
    static char[] lowerFold(String s, boolean fold) {
        int len = s.length();
        char[] out = new char[len + 8];
        char[] table = fold ? LOWER_FOLDED : LOWER_ONLY;
        int n = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            char f = c < LOWER_END ? table[c] : 0;
            if (f != 0) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = f;
                continue;
            }
            char x = spacedLower(c);
            char[] folded = fold ? fold(new char[] {x}) : new char[] {x};
            if (n + folded.length > out.length) {
                out = Arrays.copyOf(out, out.length * 2 + folded.length);
            }
            System.arraycopy(folded, 0, out, n, folded.length);
            n += folded.length;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}

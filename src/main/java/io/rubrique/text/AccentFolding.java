package io.rubrique.text;

import java.util.Arrays;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * Lucene's {@link ASCIIFoldingFilter#foldToASCII} with a lookup table for the Latin characters French text is made
 * of (U+0000–U+024F). The table is filled by Lucene's own function when the class loads, so the result is identical;
 * other characters go to Lucene directly. It matters because folding runs on every character of every snippet.
 */
final class AccentFolding {
    private static final int TABLE_END = 0x250;
    /** Folded form of each character below TABLE_END (most are one character long). */
    private static final String[] TABLE = table();

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
}

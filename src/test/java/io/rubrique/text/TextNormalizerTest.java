package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven NFKC of {@link TextNormalizer} gives exactly what the JDK's normalizer gave. */
class TextNormalizerTest {
    /** The implementation before the table, verbatim: the JDK's normalizer on every string, then the space rules. */
    static String oracle(String s) {
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

    @Test
    void everyBmpCharacterAloneAndBetweenLetters() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            assertEquals(oracle(one), TextNormalizer.normalize(one), () -> "U+" + Integer.toHexString(one.charAt(0)));
            String mid = "e" + one + "\u0301a" + one;
            assertEquals(oracle(mid), TextNormalizer.normalize(mid), () -> "U+" + Integer.toHexString(one.charAt(0)));
        }
    }

    @Test
    void randomMixesOfTableCharactersCombiningMarksAndOthers() {
        char[] pool = ("abcdeéèêëàâäîïôöùûüçœæÉÈÀÇŒ  \u00A0\u202F\u2009\u200B\u2026\u2019\u2018«»–—-'\".,;:!?()"
                + "0123456789ᵉ²½ﬁﬂ\u0301\u0300\u0308\u0327\u0323\u1100\u1161\u11A8\uAC00\u212B\u2126\u00C5\u0041"
                + "\u030A\uFB01\u3000\uFEFF\u2007\u200C\u2011\u2024\u2025\u2033\u20A8\u20AC\u2153\u00B5\u00B8\u017F"
                + "\u0132\u01C4\u02B0\u02DC\uD83D\uDE00\uD800").toCharArray();
        Random r = new Random(15);
        for (int k = 0; k < 300_000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x2100) : pool[r.nextInt(pool.length)]);
            }
            String s = sb.toString();
            assertEquals(oracle(s), TextNormalizer.normalize(s), s);
        }
    }
}

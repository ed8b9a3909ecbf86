package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link TextNormalizer} against references it does not share code with: hand-checked examples whose expected
 * strings come from Python's {@code unicodedata.normalize("NFKC", …)}, and the specification written another way
 * (the JDK's NFKC on every string, then regular expressions for the space rules) on every BMP character and on
 * random mixes.
 */
class TextNormalizerTest {
    private static final Pattern SPACES = Pattern.compile("[\u00A0\u202F\u2007\u2009\u200A\u3000]");
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\u200B\u200C\u200D\uFEFF]");

    /** The specification: NFKC, every kind of space a plain space, zero-width characters removed. */
    static String oracle(String s) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC);
        return ZERO_WIDTH.matcher(SPACES.matcher(n).replaceAll(" ")).replaceAll("");
    }

    /*
     * Expected values from Python 3 (unicodedata 14.0.0):
     *   import unicodedata, re
     *   def ref(s):
     *       n = unicodedata.normalize("NFKC", s)
     *       n = re.sub("[\u00A0\u202F\u2007\u2009\u200A\u3000]", " ", n)
     *       return re.sub("[\u200B\u200C\u200D\uFEFF]", "", n)
     */
    @Test
    void examplesMatchPythonsNfkcWithTheSpaceRules() {
        String[][] cases = {
            {"Le 14\u1d49 Congr\u00e8s", "Le 14e Congr\u00e8s"},
            {"Hano\u00ef\u00a0(VNA)\u202f\u2013\u2009ok", "Hano\u00ef (VNA) \u2013 ok"},
            {"attends\u2026", "attends..."},
            {"\ufb01nance \u00bd", "finance 1\u20442"},
            {"cafe\u0301 e\u0301", "caf\u00e9 \u00e9"},
            {"z\u00e9ro\u200blargeur\ufeff", "z\u00e9rolargeur"},
            {"\uff21\uff42\uff43\uff11\uff12\uff13", "Abc123"},
            {"l\u2019\u00c9tat \u2122 \u00b2", "l\u2019\u00c9tat TM 2"},
            {"\u3000x\u2007y\u200az", " x y z"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], TextNormalizer.normalize(c[0]), c[0]);
        }
        assertEquals("", TextNormalizer.normalize(null));
        assertEquals("", TextNormalizer.normalize(""));
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

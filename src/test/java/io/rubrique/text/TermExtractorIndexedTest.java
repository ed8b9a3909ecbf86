package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rubrique.config.FeatureConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.SeedLabels;
import io.rubrique.data.LabelledItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scoring path ({@link TermExtractor#extractIndexed}: word n-grams straight from the analyser, character
 * n-grams through the memo) adds exactly the counts of the general path ({@link TermExtractor#extract} followed by
 * dictionary lookups), bit for bit, for several feature configs, on the labelled items, on the pool items of
 * ../shared/pool when present, and on random text; the second pass over the texts is served by the memos.
 */
class TermExtractorIndexedTest {
    private static List<String[]> texts;

    @BeforeAll
    static void texts() throws IOException {
        List<LabelledItem> items = LabelReader.read(SeedLabels.SNIPPETS).items();
        texts = new ArrayList<>();
        for (LabelledItem it : items) {
            texts.add(new String[] {it.title(), it.text()});
        }
        // the real pools, when this checkout sits beside them (third-party text: read in place, never copied)
        for (String f : List.of("../shared/pool/unlabelled.jsonl", "../shared/pool/labelled.jsonl")) {
            if (java.nio.file.Files.isRegularFile(Path.of(f))) {
                com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
                for (String line : java.nio.file.Files.readAllLines(Path.of(f))) {
                    com.fasterxml.jackson.databind.JsonNode n = m.readTree(line);
                    texts.add(new String[] {n.path("title").asText(""), n.path("text").asText("")});
                }
            }
        }
        Random r = new Random(3);
        String pool = "abcdeéèêàâîôûçœæ ÉÀÇŒ  \u00A0\u202F\u2026\u2019'\"«».,;:-–0123456789ᵉ²ﬁ\u0301\u00DFİ";
        for (int k = 0; k < 3000; k++) {
            StringBuilder t = new StringBuilder();
            StringBuilder x = new StringBuilder();
            for (int i = r.nextInt(30); i > 0; i--) {
                t.append(pool.charAt(r.nextInt(pool.length())));
            }
            for (int i = r.nextInt(400); i > 0; i--) {
                x.append(r.nextInt(10) == 0 ? (char) r.nextInt(0x3000) : pool.charAt(r.nextInt(pool.length())));
            }
            // items borrowing words from the labels make the memo hit
            LabelledItem it = items.get(k % items.size());
            texts.add(new String[] {k % 3 == 0 ? null : t.toString(), k % 2 == 0 ? x.toString() : x + it.text()});
        }
    }

    private static FeatureConfig config(boolean fold, String stemming, int wMin, int wMax, int cMin, int cMax,
            double titleWeight, int maxChars) {
        return FeatureConfig.builder().accentFolding(fold).stemming(stemming).wordNgrams(wMin, wMax)
                .charNgrams(cMin, cMax).titleWeight(titleWeight).textMaxChars(maxChars).build();
    }

    @Test
    void indexedCountsEqualTheGeneralPath() {
        List<FeatureConfig> configs = List.of(FeatureConfig.defaults(),
                config(true, "light", 1, 2, 3, 5, 0.3, 0),
                config(false, "none", 1, 3, 2, 4, 1.7, 200),
                config(true, "minimal", 2, 4, 0, 0, 2.0, 0),
                config(true, "light", 0, 0, 1, 8, 0.0, 0));
        for (FeatureConfig cfg : configs) {
            List<String[]> fitOn = texts.subList(0, 300);
            FeatureSpace space = FeatureSpace.fitTexts(fitOn, cfg);
            long[] keys = new long[space.size()];
            int[] vals = new int[space.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = space.key(i);
                vals[i] = i;
            }
            LongIntMap dict = new LongIntMap(keys, vals);
            TermExtractor ex = new TermExtractor(cfg);
            CharGramMemo memo = new CharGramMemo();
            for (int pass = 0; pass < 2; pass++) {
                for (String[] t : texts) {
                    double[] general = new double[keys.length];
                    ex.extract(t[0], t[1], (h, w) -> {
                        int i = dict.get(h);
                        if (i >= 0) {
                            general[i] += w;
                        }
                    }, null);
                    double[] indexed = new double[keys.length];
                    ex.extractIndexed(t[0], t[1], dict, memo, (i, w) -> indexed[i] += w);
                    assertArrayEquals(general, indexed, 0.0, () -> cfg + ": " + t[0] + " / " + t[1]);
                }
            }
        }
    }

    @Test
    void oneStepFoldEqualsLowerCaseThenSpacesThenFolding() {
        for (boolean fold : new boolean[] {true, false}) {
            for (int c = 0; c <= 0xFFFF; c++) {
                char x = Character.toLowerCase((char) c);
                x = Character.isLetterOrDigit(x) ? x : ' ';
                char[] expected = fold ? AccentFolding.fold(new char[] {x}) : new char[] {x};
                String s = "a" + (char) c + "é";
                char[] exp = ("a" + new String(expected) + (fold ? "e" : "é")).toCharArray();
                assertArrayEquals(exp, AccentFolding.lowerFold(s, fold), "U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void memoForgetsNothingItShouldNotAndRejectsLongWords() {
        CharGramMemo memo = new CharGramMemo();
        char[] w = "coopération".toCharArray();
        memo.put(w, 0, w.length, new int[] {1, 2, 3});
        assertArrayEquals(new int[] {1, 2, 3}, memo.get("xcoopérationx".toCharArray(), 1, 12));
        assertEquals(null, memo.get("coopérations".toCharArray(), 0, 12));
        char[] longWord = "a".repeat(CharGramMemo.MAX_WORD + 1).toCharArray();
        memo.put(longWord, 0, longWord.length, new int[] {4});
        assertEquals(null, memo.get(longWord, 0, longWord.length));
    }
}

package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TextKeyTest {
    /** The regular-expression chain TextKey was first written as: the definition the one-pass version must keep. */
    static final class Reference {
        private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u201A\u201B\u02BC\u2032\u00B4`]");
        private static final Pattern QUOTES = Pattern.compile("[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2039\u203A]");
        private static final Pattern DASHES = Pattern.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]");
        private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
        private static final Pattern SPACED_PUNCTUATION = Pattern.compile(" ?(\") ?| ([:;!?])");

        static String of(String text) {
            String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            s = APOSTROPHES.matcher(s).replaceAll("'");
            s = QUOTES.matcher(s).replaceAll("\"");
            s = DASHES.matcher(s).replaceAll("-");
            s = SPACES.matcher(s).replaceAll(" ").trim();
            return SPACED_PUNCTUATION.matcher(s).replaceAll("$1$2");
        }
    }

    @Test
    void onePassAgreesWithTheRegularExpressionDefinitionOnTrickyStrings() {
        // spaces of every kind, controls, quotes next to spaces and punctuation, compatibility forms, surrogates
        String alphabet = "aÉé \t\n\r\u000B\f\u0085\u00A0\u1680\u2000\u2007\u200A\u2028\u2029\u202F\u205F\u3000"
                + "\u0001\u001F\u200B\"«»“”„‟‹›″'’‘‚‛ʼ′´`-–—‒‐‑―−:;!?.,ᵉﬁ①\uD83D\uDE00";
        Random r = new Random(11);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(12);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertEquals(Reference.of(s), TextKey.of(s), () -> "for " + s.codePoints()
                    .mapToObj(c -> String.format("U+%04X", c)).toList());
        }
    }

    @Test
    void onePassAgreesWithTheRegularExpressionDefinitionOnRealTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(SeedLabels.SNIPPETS)) {
            texts.add(line);
        }
        for (String f : List.of("../shared/pool/unlabelled.jsonl", "../shared/pool/labelled.jsonl")) {
            if (Files.isRegularFile(Path.of(f))) {
                texts.addAll(Files.readAllLines(Path.of(f)));
            }
        }
        Assumptions.assumeFalse(texts.isEmpty(), "no label or pool file to compare on");
        for (String t : texts) {
            // whole JSON lines: escaped quotes, colons and spaces exercise the quote rules
            assertEquals(Reference.of(t), TextKey.of(t));
        }
    }

    @Test
    void spacesApostrophesQuotesDashesAndCaseAreUnified() {
        assertEquals(TextKey.of("Le Vietnam et l'UE – « coopération \"globale\" »"),
                TextKey.of("  le\u00A0vietnam  et l’ue\u202F— “coopération «globale»\u00A0”\n"));
    }

    @Test
    void frenchSpacingAroundQuotesAndHighPunctuationIsIgnored() {
        assertEquals(TextKey.of("Édito: mettre en œuvre \"cinq garanties\"!"),
                TextKey.of("Édito : mettre en œuvre « cinq garanties » !"));
    }

    @Test
    void accentsAreKept() {
        assertNotEquals(TextKey.of("Hanoï"), TextKey.of("Hanoi"));
    }

    @Test
    void compatibilityFormsFoldUnderNfkc() {
        assertEquals(TextKey.of("14e Congrès"), TextKey.of("14ᵉ Congrès"));
    }

    @Test
    void idsArePinnedSoReingestsKeepThem() {
        // changing these values orphans every label already written against the old ids
        assertEquals("t-fd82ae2ba332",
                TextKey.id(ItemKind.TEASER, "Coopération approfondie entre les deux Partis communistes Vietnam–Cuba"));
        assertEquals("a-96bea64c9002",
                TextKey.id(ItemKind.ARTICLE, "Le Vietnam exhorte à saisir l’opportunité de la diplomatie numérique"));
    }

    @Test
    void idDependsOnTheNormalisedTitleOnly() {
        String id = TextKey.id(ItemKind.TEASER, "Le Vietnam et l’UE");
        assertEquals(id, TextKey.id(ItemKind.TEASER, " le vietnam\u00A0et l'UE "));
        assertTrue(id.matches("t-[0-9a-f]{12}"));
    }
}

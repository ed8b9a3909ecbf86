package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextKeyTest {
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

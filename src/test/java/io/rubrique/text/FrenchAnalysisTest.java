package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.FeatureConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The word analysis chain: normalisation, elision, stop words, stemming and accent folding. */
class FrenchAnalysisTest {
    private static final FeatureSpace SPACE = FeatureSpace.fit(List.of(), FeatureConfig.defaults());

    private static List<String> tokens(String s) {
        return SPACE.tokens(s);
    }

    @Test
    void elisionIsRemovedWithStraightAndCurlyApostrophes() {
        List<String> curly = tokens("l’opportunité d’agir qu’il");
        List<String> straight = tokens("l'opportunité d'agir qu'il");
        assertEquals(straight, curly);
        assertEquals(tokens("opportunité agir"), curly);
        assertFalse(curly.contains("l"), curly.toString());
        assertFalse(curly.contains("d"), curly.toString());
        assertTrue(curly.stream().noneMatch(t -> t.contains("'") || t.contains("’")), curly.toString());
        assertEquals(tokens("australie armée"), tokens("L’Australie L'ARMÉE"));
    }

    @Test
    void caseIsIgnored() {
        assertEquals(tokens("l'armée populaire avance"), tokens("L’ARMÉE POPULAIRE AVANCE"));
    }

    @Test
    void accentsAreFolded() {
        assertEquals(tokens("Hanoi"), tokens("Hanoï"));
        assertEquals(tokens("Tran"), tokens("Trân"));
        assertEquals(tokens("securite numerique"), tokens("sécurité numérique"));
        assertTrue(tokens("Hanoï Trân sécurité").stream().allMatch(t -> t.chars().allMatch(c -> c < 0x80)));
    }

    @Test
    void accentsAreKeptWhenFoldingIsOff() {
        FeatureConfig noFold = FeatureConfig.builder().accentFolding(false).stemming("none").build();
        FeatureSpace space = FeatureSpace.fit(List.of(), noFold);
        assertEquals(List.of("hanoï"), space.tokens("Hanoï"));
    }

    @Test
    void stopWordsAreDropped() {
        List<String> t = tokens("le ministre et la délégation de la France pour les relations avec nous");
        for (String stop : List.of("le", "la", "et", "de", "pour", "les", "avec", "nous")) {
            assertFalse(t.contains(stop), stop + " in " + t);
        }
        assertEquals(4, t.size(), t.toString());
    }

    @Test
    void stopWordsAreKeptWhenDisabled() {
        FeatureConfig keep = FeatureConfig.builder().stopWords(false).build();
        assertTrue(FeatureSpace.fit(List.of(), keep).tokens("le ministre et la France").contains("le"));
    }

    @Test
    void lightStemmingMergesSingularAndPlural() {
        assertEquals(tokens("relation"), tokens("relations"));
        assertEquals(tokens("coopération bilatérale"), tokens("coopérations bilatérales"));
        assertEquals(tokens("partenariat stratégique"), tokens("partenariats stratégiques"));
        assertEquals(1, tokens("relations").size());
    }

    @Test
    void compatibilityFormsAreNormalised() {
        assertEquals("14e Congrès", TextNormalizer.normalize("14ᵉ Congrès"));
        assertEquals(tokens("14e Congrès"), tokens("14ᵉ Congrès"));
        assertEquals("fin", TextNormalizer.normalize("ﬁn"));
    }

    @Test
    void unusualSpacesBecomePlainSpacesAndZeroWidthOnesVanish() {
        assertEquals("Hanoi (VNA) : 16 000 km", TextNormalizer.normalize("Hanoi\u00A0(VNA)\u202F: 16\u2009000\u2007km"));
        assertEquals("diplomatie", TextNormalizer.normalize("diplo\u200Bmatie\uFEFF"));
        assertEquals(tokens("diplomatie numérique"), tokens("diplomatie\u00A0numérique"));
        assertEquals(tokens("diplomatie numérique"), tokens("diplomatie\u202Fnumé\u200Brique"));
        assertEquals("", TextNormalizer.normalize(null));
        String plain = "déjà normal";
        assertEquals(plain, TextNormalizer.normalize(plain));
    }
}

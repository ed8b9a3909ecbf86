package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rubrique.text.EncoderBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the labelling page highlights: words of the text, never a whole block's named contribution. */
class ExplanationHighlightTest {
    private static Explanation withTerms(List<Explanation.Term> terms) {
        return new Explanation("bilateral-relations", true, 0.9, -0.5, 0.95, 0.5, 0.0, true, terms, null);
    }

    @Test
    void aDominantSentenceMeaningContributionDoesNotHideTheWordsThatPushedTheScoreUp() {
        Explanation e = withTerms(List.of(new Explanation.Term(EncoderBlock.CONTRIBUTION, 0.90, false),
                new Explanation.Term("laos", 0.20), new Explanation.Term("cooperation", 0.12),
                new Explanation.Term("ministre", 0.02), new Explanation.Term("visite", -0.10)));
        // the bar is 25% of the strongest WORD (laos 0.20), not of the block's 0.90
        assertEquals(List.of("laos", "cooperation"), e.strongUpWords(0.25, 6));
    }

    @Test
    void withoutABlockContributionTheStrongestWordSetsTheBar() {
        Explanation e = withTerms(List.of(new Explanation.Term("cybersecurite", 0.8),
                new Explanation.Term("police", 0.3), new Explanation.Term("visite", 0.1)));
        assertEquals(List.of("cybersecurite", "police"), e.strongUpWords(0.25, 6));
    }
}

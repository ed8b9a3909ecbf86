package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code text_max_chars} reads only the head of long texts, cut at a word boundary. */
class TextHeadTest {
    @Test
    void headCutsAtAWordBoundaryAndKeepsShortTextsWhole() {
        assertEquals("le Vietnam et", TermExtractor.head("le Vietnam et la France", 15));
        assertEquals("court", TermExtractor.head("court", 15));
        assertEquals("tout le texte", TermExtractor.head("tout le texte", 0));
    }

    @Test
    void wordsBeyondTheLimitDoNotBecomeFeatures() {
        var cfg = ExperimentConfig.parse("{\"features\": {\"text_max_chars\": 40, \"char_ngram_min\": 0,"
                + " \"word_ngram_max\": 1, \"stemming\": \"none\"}}", "test").features();
        String text = "Le ministre salue la coopération numérique. " + "x ".repeat(30) + "cybersécurité";
        FeatureSpace space = FeatureSpace.fit(List.of(new LabelledItem("a", ItemKind.ARTICLE, "", "", text,
                Set.of())), cfg);
        assertTrue(space.vocabulary().contains("w:ministr") || space.vocabulary().contains("w:ministre"),
                space.vocabulary().toString());
        assertFalse(space.vocabulary().stream().anyMatch(t -> t.contains("cyber")), space.vocabulary().toString());
    }
}

package io.rubrique.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.EncoderConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import io.rubrique.text.CountingEncoder;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Selection measuring similarity on a sentence encoder (the test classpath's counting encoder) instead of n-grams. */
class EncoderSimilarityTest {
    private static final TopicSet TOPICS = TopicSet.of(List.of(
            new TopicDef("digital", "Digital", "", List.of("numérique", "internet", "données")),
            new TopicDef("security", "Security", "", List.of("police", "armée", "défense"))));
    private static final EncoderConfig ENCODER = new EncoderConfig(CountingEncoder.ID, "title+text", 128, 1.0);

    private static LabelledItem labelled(String id, String text, String... topics) {
        return new LabelledItem(id, ItemKind.TEASER, "", "", text, Set.of(topics));
    }

    private static final List<LabelledItem> SECURITY_ONLY = List.of(labelled("s0", "la police", "security"),
            labelled("s1", "l'armée", "security"), labelled("s2", "la défense", "security"));

    private static List<Snippet> pool() {
        List<Snippet> pool = new ArrayList<>();
        pool.add(new Snippet("fruits", "", "un marché de fruits et légumes au printemps"));
        pool.add(new Snippet("fruits-again", "", "un marché de fruits et de légumes au printemps"));
        pool.add(new Snippet("coast", "", "les garde-côtes patrouillent en mer de l'Est"));
        pool.add(new Snippet("seedy", "", "Internet et données : la transformation numérique des services publics"));
        return pool;
    }

    private static double dot(SparseVector a, SparseVector b) {
        double d = 0;
        for (int i = 0; i < a.nnz(); i++) {
            for (int j = 0; j < b.nnz(); j++) {
                if (a.indices()[i] == b.indices()[j]) {
                    d += a.values()[i] * b.values()[j];
                }
            }
        }
        return d;
    }

    @Test
    void underAnEncoderSimilarityIsTheCosineOfCentredUnitEmbeddings() {
        Selection sel = Selection.of(TOPICS, SECURITY_ONLY, pool(), null, List.of(), 1, ENCODER);
        assertEquals(CountingEncoder.DIMENSION, sel.dimension());
        for (int i = 0; i < sel.size(); i++) {
            assertEquals(1.0, dot(sel.vector(i), sel.vector(i)), 1e-9);
        }
        double twins = dot(sel.vector(0), sel.vector(1));
        double apart = dot(sel.vector(0), sel.vector(2));
        assertTrue(twins > 0.5 && twins > apart + 0.3, twins + " vs " + apart);
        // centred: the raw trigram vectors are all non-negative, so without centring no cosine could be negative
        boolean anyNegative = false;
        for (int i = 0; i < sel.size(); i++) {
            for (int j = i + 1; j < sel.size(); j++) {
                anyNegative |= dot(sel.vector(i), sel.vector(j)) < 0;
            }
        }
        assertTrue(anyNegative);
    }

    @Test
    void seedWordsStillMatchOnNgramsWhenSimilarityIsTheEncoders() {
        Selection sel = Selection.of(TOPICS, SECURITY_ONLY, pool(), null, List.of(), 1, ENCODER);
        List<Pick> picks = Strategies.get("cold-start").select(sel, 3);
        assertEquals("seedy", picks.get(0).item().id());
        assertEquals("seed-words", picks.get(0).reason().kind());
        assertEquals(3, picks.stream().map(p -> p.item().id()).distinct().count());
        // the near-twin of a pick is not taken while something unlike both is left
        List<String> ids = picks.stream().map(p -> p.item().id()).toList();
        assertFalse(ids.contains("fruits") && ids.contains("fruits-again"), ids.toString());
    }

    private static ExperimentConfig config(EncoderConfig e) {
        return new ExperimentConfig(null, null, ExperimentConfig.defaults().features().toBuilder().encoder(e).build(),
                null, null, null, null, null, null);
    }

    @Test
    void onlyTheEncoderChoiceWithAnEncoderConfigMeasuresOnTheEncoder() {
        ExperimentConfig withEncoder = config(ENCODER);
        ExperimentConfig without = config(EncoderConfig.none());
        assertEquals(ENCODER, Similarity.ENCODER.encoder(withEncoder));
        assertFalse(Similarity.ENCODER.encoder(without).enabled());
        assertFalse(Similarity.NGRAMS.encoder(withEncoder).enabled());
    }
}

package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code inspect} and explanations list as a topic's reasons reads as words: on the default config trained on
 * the seed items (a copy in src/test/resources), no function word among the top five terms of any topic.
 */
class ReadableTermsTest {
    /** Common French function words, written out here rather than taken from {@link FunctionWords}. */
    private static final Set<String> FUNCTION_WORDS = Set.of("le", "la", "les", "l", "et", "du", "de", "des", "d",
            "que", "qu", "une", "un", "en", "a", "au", "aux", "pour", "par", "sur", "dans", "qui", "il", "elle", "ce",
            "cette", "ses", "son", "sa", "leur", "leurs", "est", "sont", "ont", "ete", "avec", "plus", "pas", "ne",
            "se", "ou", "mais", "nous", "vous", "ils", "on", "y", "lui", "s", "n", "c");

    private static BinaryRelevanceModel model;
    private static LabelSet seeds;

    @BeforeAll
    static void trainTheDefaultConfigOnTheSeeds() throws Exception {
        seeds = LabelReader.read(resource("model/seed-labels"));
        ExperimentConfig cfg = ExperimentConfig.read(Path.of("experiments/default.json"));
        model = (BinaryRelevanceModel) new BinaryRelevanceTrainer(cfg).train(TrainingSet.of(seeds), 42);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReadableTermsTest.class.getClassLoader().getResource(name).toURI());
    }

    /** The words of a shown term: a phrase's words, or a word piece without its "…" marks. */
    private static List<String> words(String term) {
        return List.of(term.replace("…", "").split(" "));
    }

    private static void assertNoFunctionWord(List<Explanation.Term> top, String where) {
        for (Explanation.Term t : top) {
            for (String w : words(t.term())) {
                assertFalse(FUNCTION_WORDS.contains(w), where + ": function word '" + w + "' among " + top);
            }
        }
    }

    @Test
    void inspectShowsNoFunctionWordAmongTheTopFiveTermsOfAnyTopic() {
        ModelInspection in = model.inspect(100);
        in.topics().forEach((topic, t) -> {
            List<Explanation.Term> up = ReadableTerms.of(t.strongestPositive(), 5);
            List<Explanation.Term> down = ReadableTerms.of(t.strongestNegative(), 5);
            assertEquals(5, up.size(), topic);
            assertNoFunctionWord(up, topic + " up");
            assertNoFunctionWord(down, topic + " down");
            assertTrue(up.stream().noneMatch(x -> x.term().startsWith("w:") || x.term().startsWith("c:")),
                    "no internal feature names: " + up);
        });
    }

    @Test
    void explanationsOfTheSeedItemsShowNoFunctionWordAmongTheTopFiveTerms() {
        List<String> shown = new ArrayList<>();
        for (LabelledItem i : seeds.items()) {
            model.explain(i.title(), i.text()).forEach((topic, e) -> {
                assertNoFunctionWord(e.up(5), i.id() + " " + topic + " up");
                assertNoFunctionWord(e.down(5), i.id() + " " + topic + " down");
                e.up(5).forEach(x -> shown.add(x.term()));
            });
        }
        assertTrue(shown.size() > seeds.items().size(), "explanations do list words: " + shown.size());
    }

    @Test
    void functionWordPiecesAreDroppedAndOverlappingPiecesFoldedIntoTheWordTheyContinue() {
        List<Explanation.Term> features = List.of(new Explanation.Term("c: le ", 0.9),
                new Explanation.Term("w:num", 0.8), new Explanation.Term("c:umer", 0.7),
                new Explanation.Term("c:eriq", 0.6), new Explanation.Term("c: cyb", 0.5),
                new Explanation.Term("c:cybe", 0.4), new Explanation.Term("c:tion ", 0.3));
        assertEquals(List.of("num", "cyb…", "…tion"), ReadableTerms.of(features, 5).stream()
                .map(Explanation.Term::term).toList());
    }

    @Test
    void explanationsKeepFunctionWordsInOtherSoTheSumStillHolds() {
        Explanation e = new Explanation("t", true, 1.0, 0.1, 0.7, 0.5, 0.0, true, List.of(
                new Explanation.Term("le", 0.5), new Explanation.Term("cybersecurite", 0.3),
                new Explanation.Term("et", 0.1)), "");
        assertEquals(List.of("cybersecurite"), e.upWords(5));
        var summary = e.summary(5);
        assertEquals(0.6, (double) summary.get("other"), 1e-9, "le and et fold into other: bias + shown + other = raw");
    }
}

package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learning from unlabelled items: on a case where only the unlabelled items connect the test vocabulary to the
 * labelled one, both methods learn what the labelled items alone cannot; training stays deterministic.
 */
class UnlabelledLearningTest {
    private static final TopicSet TOPICS = TopicSet.ofIds("security", "culture");
    private static final String[] FILLER = {"hier", "province", "année", "rencontre", "programme", "ville", "équipe",
        "nouveau", "projet", "région"};

    /** A text of filler words plus the given signal words. */
    private static String text(Random r, String... signal) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            sb.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
        }
        for (String s : signal) {
            sb.append(s).append(' ');
        }
        return sb.toString().trim();
    }

    private static ExperimentConfig config(String method) {
        return ExperimentConfig.parse("{\"features\": {\"char_ngram_min\": 0, \"word_ngram_max\": 1}, "
                + "\"learner\": {\"type\": \"smo\"}, \"thresholds\": {\"inner_folds\": 3}, "
                + "\"unlabelled\": {\"method\": \"" + method + "\", \"per_topic\": 30, \"weight\": 1.0, "
                + "\"neighbours\": 3}}", "test");
    }

    /**
     * Labelled security items say "armée", culture items "musique", others neither; the unlabelled items say "armée" and
     * "garde-frontière" together, or "musique" and "théâtre" together; the test word "garde-frontière" never
     * occurs in a labelled item.
     */
    private static TrainingSet data() {
        Random r = new Random(3);
        List<LabelledItem> labelled = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            labelled.add(new LabelledItem("s" + i, ItemKind.TEASER, "", "", text(r, "armée"), Set.of("security")));
            labelled.add(new LabelledItem("c" + i, ItemKind.TEASER, "", "", text(r, "musique"), Set.of("culture")));
            labelled.add(new LabelledItem("n" + i, ItemKind.TEASER, "", "", text(r), Set.of()));
        }
        List<Snippet> unlabelled = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            unlabelled.add(new Snippet("us" + i, "", text(r, "armée", "gardefrontière")));
            unlabelled.add(new Snippet("uc" + i, "", text(r, "musique", "théâtre")));
        }
        return TrainingSet.of(TOPICS, labelled).withUnlabelled(unlabelled,
                new ModelProvenance.UnlabelledProvenance("synthetic", unlabelled.size(), "x", "test"));
    }

    private static double securityScoreOfTheNewWord(TrainedModel m) {
        return m.tag("", "hier province gardefrontière équipe").score("security");
    }

    @ParameterizedTest
    @ValueSource(strings = {"self-training", "neighbours"})
    void theUnlabelledItemsTeachAWordNoLabelledItemHas(String method) {
        TrainedModel without = new BinaryRelevanceTrainer(config("none")).train(data(), 1);
        TrainedModel with = new BinaryRelevanceTrainer(config(method)).train(data(), 1);
        assertFalse(without.vocabulary().contains("w:gardefrontier"), "only the unlabelled items have the word");
        assertTrue(with.vocabulary().stream().anyMatch(v -> v.startsWith("w:gardefronti")), "the word joined");
        double before = securityScoreOfTheNewWord(without);
        double after = securityScoreOfTheNewWord(with);
        assertTrue(before < 0.5, "labelled items alone do not know the word: " + before);
        assertTrue(after > 3 * before && after - before > 0.08, method + ": " + before + " -> " + after);
        Tagging t = with.tag("", "hier province gardefrontière équipe");
        assertTrue(t.score("security") > t.score("culture"), "the new word now points to security: " + t);
        ModelProvenance.TopicFacts f = with.provenance().training().perTopic().get("security");
        assertTrue(f.pseudoPositives() > 0 && f.pseudoNegatives() > 0, f.toString());
        assertEquals("test", with.provenance().unlabelled().method());
    }

    @ParameterizedTest
    @ValueSource(strings = {"self-training", "neighbours"})
    void learningFromUnlabelledItemsIsDeterministicUnderASeed(String method) {
        TrainedModel a = new BinaryRelevanceTrainer(config(method)).train(data(), 7);
        TrainedModel b = new BinaryRelevanceTrainer(config(method)).train(data(), 7);
        assertEquals(a.thresholds(), b.thresholds());
        assertEquals(a.tag("", "armée et théâtre"), b.tag("", "armée et théâtre"));
    }
}

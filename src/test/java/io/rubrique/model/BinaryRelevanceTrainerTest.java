package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Binary relevance training: reproducibility, one-class topics, thresholds from the inner CV. */
class BinaryRelevanceTrainerTest {
    private static final int PC = Topic.PARTY_CONGRESS.ordinal();
    private static List<LabelledItem> items;

    @BeforeAll
    static void readLabels() throws IOException {
        items = CoreFixtures.labels().items();
    }

    private static ExperimentConfig innerCv(String learnerOptions) {
        return ExperimentConfig.parse("{\"learner\": {\"type\": \"liblinear\", \"options\": \"" + learnerOptions
                + "\"}, \"thresholds\": {\"strategy\": \"inner-cv\", \"inner_folds\": 3}}", "test");
    }

    private static void assertSameModel(TrainedModel a, TrainedModel b) {
        assertEquals(a.thresholds(), b.thresholds());
        for (LabelledItem it : items) {
            assertArrayEquals(a.scores(it.title(), it.text()), b.scores(it.title(), it.text()), it.id());
        }
        assertArrayEquals(a.scores("", "La cybersécurité au Vietnam"), b.scores("", "La cybersécurité au Vietnam"));
    }

    @Test
    void sameDataConfigAndSeedGiveIdenticalScoresAndThresholds() {
        ExperimentConfig config = innerCv("-C 1.0");
        TrainedModel first = new BinaryRelevanceTrainer(config).train(items, 7);
        TrainedModel second = new BinaryRelevanceTrainer(config).train(List.copyOf(items), 7);
        assertSameModel(first, second);
        assertTrue(first.thresholds().values().stream().anyMatch(t -> t != 0.5), first.thresholds().toString());
    }

    @Test
    void liblinearDualSolverIsReproducibleToo() {
        // -S 7 (dual L2 logistic regression) shuffles with liblinear's random generator.
        ExperimentConfig config = ExperimentConfig.parse("{\"features\": {\"max_features\": 2000}, \"learner\": {\"options\": \"-S 7\"}, "
                + "\"thresholds\": {\"strategy\": \"fixed\"}}", "test");
        TrainedModel first = new BinaryRelevanceTrainer(config).train(items, 7);
        TrainedModel second = new BinaryRelevanceTrainer(config).train(items, 7);
        assertSameModel(first, second);
    }

    @Test
    void aTopicWithNoPositivesHasAConstantScoreAndIsNeverAssigned() {
        List<LabelledItem> withoutPc = items.stream().map(i -> {
            Set<Topic> topics = EnumSet.noneOf(Topic.class);
            topics.addAll(i.topics());
            topics.remove(Topic.PARTY_CONGRESS);
            return new LabelledItem(i.id(), i.kind(), i.source(), i.title(), i.text(), topics);
        }).toList();
        TrainedModel model = new BinaryRelevanceTrainer(innerCv("")).train(withoutPc, 3);
        assertEquals(0.95, model.thresholds().get(Topic.PARTY_CONGRESS), "no positives: the maximum threshold");
        for (LabelledItem it : items) {
            assertEquals(0.0, model.scores(it.title(), it.text())[PC], it.id());
            assertFalse(model.tag(it.title(), it.text()).topics().contains(Topic.PARTY_CONGRESS), it.id());
        }
        assertEquals(0.0, model.scores("", "Le 14e Congrès national du Parti")[PC]);
        // The other topics are still learnt.
        double[] s = model.scores("", "Le Vietnam et Singapour coopèrent sur la cybersécurité");
        assertNotEquals(s[Topic.DIGITAL.ordinal()], s[Topic.SECURITY.ordinal()]);
    }

    @Test
    void scoresAreProbabilitiesAndTopicsFollowThresholds() {
        TrainedModel model = new BinaryRelevanceTrainer(CoreFixtures.fixed("liblinear", "")).train(items, 1);
        assertEquals(Map.of(Topic.DIGITAL, 0.5, Topic.SECURITY, 0.5, Topic.PARTY_CONGRESS, 0.5,
                Topic.BILATERAL_RELATIONS, 0.5), model.thresholds());
        for (LabelledItem it : items) {
            Tagging t = model.tag(it.title(), it.text());
            for (Topic topic : Topic.all()) {
                double s = t.scores().get(topic);
                assertTrue(s >= 0 && s <= 1, it.id() + " " + topic + " " + s);
                assertEquals(s >= 0.5, t.topics().contains(topic), it.id() + " " + topic);
            }
        }
    }

    @Test
    void trainingOnNoItemsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BinaryRelevanceTrainer(ExperimentConfig.defaults()).train(List.of(), 1));
    }
}

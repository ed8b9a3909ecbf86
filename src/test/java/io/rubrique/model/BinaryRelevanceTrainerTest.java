package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Binary relevance training: reproducibility, one-class topics, calibration and thresholds, provenance. */
class BinaryRelevanceTrainerTest {
    private static LabelSet data;
    private static List<LabelledItem> items;

    @BeforeAll
    static void readLabels() throws IOException {
        data = CoreFixtures.labels();
        items = data.items();
    }

    private static ExperimentConfig innerCv(String learnerOptions) {
        return ExperimentConfig.parse("{\"learner\": {\"type\": \"liblinear\", \"options\": \"" + learnerOptions
                + "\"}, \"thresholds\": {\"strategy\": \"inner-cv\", \"inner_folds\": 3}}", "test");
    }

    private static TrainingSet set(List<LabelledItem> its) {
        return TrainingSet.of(data.topics(), its);
    }

    private static void assertSameModel(TrainedModel a, TrainedModel b) {
        assertEquals(a.thresholds(), b.thresholds());
        for (LabelledItem it : items) {
            assertEquals(a.tag(it.title(), it.text()), b.tag(it.title(), it.text()), it.id());
        }
        assertEquals(a.tag("", "La cybersécurité au Vietnam"), b.tag("", "La cybersécurité au Vietnam"));
    }

    @Test
    void sameDataConfigAndSeedGiveIdenticalScoresAndThresholds() {
        ExperimentConfig config = innerCv("-C 1.0");
        TrainedModel first = new BinaryRelevanceTrainer(config).train(set(items), 7);
        TrainedModel second = new BinaryRelevanceTrainer(config).train(set(List.copyOf(items)), 7);
        assertSameModel(first, second);
        assertTrue(first.thresholds().values().stream().anyMatch(t -> t != 0.5), first.thresholds().toString());
    }

    @Test
    void liblinearDualSolverIsReproducibleToo() {
        // -S 7 (dual L2 logistic regression) shuffles with liblinear's random generator.
        ExperimentConfig config = ExperimentConfig.parse("{\"features\": {\"max_features\": 2000}, \"learner\": "
                + "{\"type\": \"liblinear\", \"options\": \"-S 7\"}, \"thresholds\": {\"strategy\": \"fixed\"}}", "test");
        assertSameModel(new BinaryRelevanceTrainer(config).train(set(items), 7),
                new BinaryRelevanceTrainer(config).train(set(items), 7));
    }

    @Test
    void aTopicWithNoPositivesGetsOneLowScoreAndIsNeverAssigned() {
        List<LabelledItem> withoutPc = items.stream().map(i -> {
            Set<String> topics = new LinkedHashSet<>(i.topics());
            topics.remove("party-congress");
            return new LabelledItem(i.id(), i.kind(), i.source(), i.title(), i.text(), topics);
        }).toList();
        TrainedModel model = new BinaryRelevanceTrainer(innerCv("")).train(set(withoutPc), 3);
        assertEquals(0.95, model.thresholds().get("party-congress"), "no positives: the maximum threshold");
        double first = model.tag("", "Le 14e Congrès national du Parti").score("party-congress");
        assertTrue(first < 0.05, "score " + first);
        for (LabelledItem it : items) {
            Tagging t = model.tag(it.title(), it.text());
            assertEquals(first, t.score("party-congress"), it.id());
            assertFalse(t.has("party-congress"), it.id());
        }
        Tagging t = model.tag("", "Le Vietnam et Singapour coopèrent sur la cybersécurité");
        assertNotEquals(t.score("digital"), t.score("security"), "the other topics are still learnt");
        assertEquals("constant", model.provenance().training().perTopic().get("party-congress").scorer());
    }

    @Test
    void scoresAreProbabilitiesAndTopicsFollowThresholds() {
        TrainedModel model = new BinaryRelevanceTrainer(CoreFixtures.fixed("smo", "")).train(set(items), 1);
        assertEquals(List.of(0.5, 0.5, 0.5, 0.5), model.thresholds().values());
        for (LabelledItem it : items) {
            Tagging t = model.tag(it.title(), it.text());
            for (String topic : data.topics().ids()) {
                double s = t.score(topic);
                assertTrue(s >= 0 && s <= 1, it.id() + " " + topic + " " + s);
                assertEquals(s >= 0.5, t.has(topic), it.id() + " " + topic);
            }
        }
    }

    @Test
    void plattScalingOnHeldOutScoresKeepsSmoScoresAwayFromZeroAndOne() {
        TrainedModel model = new BinaryRelevanceTrainer(ExperimentConfig.parse("{\"learner\": {\"type\": \"smo\"}}",
                "test")).train(set(items), 1);
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        int hard = 0;
        int all = 0;
        for (LabelledItem it : items) {
            for (double s : model.tag(it.title(), it.text()).scores().values()) {
                all++;
                distinct.add(s);
                hard += s < 1e-6 || s > 1 - 1e-6 ? 1 : 0;
            }
        }
        assertEquals(0, hard, "no score is a hard 0 or 1");
        assertTrue(distinct.size() > all / 2, distinct.size() + " distinct scores of " + all);
        for (String topic : data.topics().ids()) {
            Calibration c = model.provenance().training().perTopic().get(topic).calibration();
            assertEquals("platt", c.method(), topic);
            assertTrue(c.a() > 0, topic + ": a larger margin must mean a larger probability, a = " + c.a());
        }
    }

    @Test
    void theModelCarriesItsProvenance() {
        ExperimentConfig config = innerCv("");
        TrainedModel model = new BinaryRelevanceTrainer(config).train(TrainingSet.of(data), 9);
        ModelProvenance p = model.provenance();
        assertEquals(config, p.config());
        assertEquals(data.provenance(), p.data());
        assertEquals(data.topics(), p.topics());
        assertEquals(9, p.seed());
        assertEquals(items.size(), p.training().items());
        assertEquals(model.vocabulary().size(), p.training().features());
        assertEquals(data.topics().ids(), List.copyOf(p.training().perTopic().keySet()));
        p.training().perTopic().forEach((t, f) -> {
            assertEquals(items.stream().filter(i -> i.has(t)).count(), f.positives(), t);
            assertEquals(model.thresholds().get(t), f.threshold(), t);
        });
    }

    @Test
    void aFifthTopicDeclaredAsDataIsLearntWithoutCodeChanges() {
        List<TopicDef> defs = new ArrayList<>(data.topics().topics());
        defs.add(new TopicDef("economy", "Economy", "trade, growth, investment", List.of("commerce")));
        TopicSet five = TopicSet.of(defs);
        List<LabelledItem> relabelled = items.stream().map(i -> {
            Set<String> topics = new LinkedHashSet<>(i.topics());
            String text = (i.title() + " " + i.text()).toLowerCase();
            if (text.contains("économi") || text.contains("commerc") || text.contains("investis")) {
                topics.add("economy");
            }
            return new LabelledItem(i.id(), i.kind(), i.source(), i.title(), i.text(), five.ordered(topics));
        }).toList();
        TrainedModel model = new BinaryRelevanceTrainer(innerCv("")).train(TrainingSet.of(five, relabelled), 2);
        assertEquals(five, model.topics());
        assertEquals(List.of("digital", "security", "party-congress", "bilateral-relations", "economy"),
                List.copyOf(model.tag("", "La coopération économique et le commerce").scores().toMap().keySet()));
        assertEquals("linear", model.provenance().training().perTopic().get("economy").scorer());
    }

    @Test
    void trainingOnNoItemsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BinaryRelevanceTrainer(ExperimentConfig.defaults()).train(set(List.of()), 1));
    }
}

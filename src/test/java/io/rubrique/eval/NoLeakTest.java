package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-validation must fit every model on its training fold only. Each fold's test items carry a word no other
 * item has; no fold's model may know its own test fold's word, and each must know the words of the folds it
 * trained on (so the probe can see a leak). Runs against the fake trainer and, once it trains, the real one.
 */
class NoLeakTest {
    private static final String[] PROBES = {"zqxkvwbt", "jwqzkxbt", "vkzqjwbt"};

    static Stream<Arguments> trainers() {
        return Stream.of(Arguments.of("keyword", new KeywordTrainer()),
                Arguments.of("binary-relevance", new BinaryRelevanceTrainer(ExperimentConfig.defaults())));
    }

    /** Remembers which training ids produced which vocabulary. */
    private static final class Recording implements Trainer {
        final Trainer inner;
        final Map<Set<String>, Set<String>> vocabularies = new ConcurrentHashMap<>();
        final Map<Set<String>, List<Snippet>> unlabelled = new ConcurrentHashMap<>();

        Recording(Trainer inner) {
            this.inner = inner;
        }

        @Override
        public TrainedModel train(TrainingSet data, long seed) {
            TrainedModel m = inner.train(data, seed);
            Set<String> ids = new HashSet<>();
            data.items().forEach(i -> ids.add(i.id()));
            vocabularies.put(ids, m.vocabulary());
            unlabelled.put(ids, data.unlabelled());
            return m;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trainers")
    void noFoldModelKnowsAWordSeenOnlyInItsTestFold(String name, Trainer trainer) {
        List<LabelledItem> plain = SyntheticData.items(60, 3);
        FoldPlan plan = FoldPlan.stratified(plain, SyntheticData.TOPICS, 3, 1, 5);
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            LabelledItem it = plain.get(i);
            String probe = PROBES[plan.assignment()[0][i]];
            items.add(new LabelledItem(it.id(), it.kind(), it.source(), it.title(), it.text() + " " + probe,
                    it.topics()));
        }
        // the plan depends on topics only, so the probed items split the same way
        FoldPlan same = FoldPlan.stratified(items, SyntheticData.TOPICS, 3, 1, 5);
        assertTrue(java.util.Arrays.deepEquals(plan.assignment(), same.assignment()));

        // The unlabelled items are the labelled ones without their labels, plus others: the cross-validation
        // must keep every fold's test items out of that fold's unlabelled items.
        List<Snippet> unlabelled = new ArrayList<>(items.stream().map(LabelledItem::snippet).toList());
        unlabelled.add(new Snippet("u-extra", "Autre", "un texte qui n'est pas labellisé"));
        TrainingSet data = TrainingSet.of(SyntheticData.TOPICS, items).withUnlabelled(unlabelled, null);
        Recording recording = new Recording(trainer);
        new CrossValidator(recording, 2).run(data, plan, CrossValidator.protocolTasks(plan), Progress.silent());

        for (int f = 0; f < 3; f++) {
            Set<String> trainIds = new HashSet<>();
            for (int i : plan.trainIndices(0, f)) {
                trainIds.add(items.get(i).id());
            }
            for (int i : plan.testIndices(0, f)) {
                assertFalse(trainIds.contains(items.get(i).id()));
            }
            Set<String> vocabulary = recording.vocabularies.get(trainIds);
            assertNotNull(vocabulary, "fold " + f + " was not trained on exactly its training items");
            Set<String> seen = new HashSet<>();
            recording.unlabelled.get(trainIds).forEach(u -> seen.add(TextKey.of(u.text())));
            for (int i : plan.testIndices(0, f)) {
                assertFalse(seen.contains(TextKey.of(items.get(i).text())), "fold " + f + " saw test item "
                        + items.get(i).id() + " as an unlabelled item");
            }
            assertTrue(seen.contains(TextKey.of("un texte qui n'est pas labellisé")));
            assertEquals(plain.size() - plan.testIndices(0, f).length + 1, seen.size());
            for (int g = 0; g < 3; g++) {
                String probe = PROBES[g].substring(0, 6);
                boolean known = vocabulary.stream().anyMatch(v -> v.contains(probe));
                if (g == f) {
                    assertFalse(known, "fold " + f + "'s model knows its test-only word " + PROBES[g]);
                } else {
                    assertTrue(known, "fold " + f + "'s model should know training word " + PROBES[g]);
                }
            }
        }
    }
}

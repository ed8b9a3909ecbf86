package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.eval.CrossValidator;
import io.rubrique.eval.FoldPlan;
import io.rubrique.eval.Progress;
import io.rubrique.text.CountingEncoder;
import io.rubrique.text.EncoderBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A model with an encoder block beside the n-grams, through training, cross-validation and explanations. */
class EncoderFeaturesTest {
    private static final Path SEEDS = Path.of("src/test/resources/core/pin/snippets.jsonl");

    private static ExperimentConfig config() {
        return ExperimentConfig.parse("{\"name\": \"test-encoder\", \"features\": {\"encoder\": {\"model\": \""
                + CountingEncoder.ID + "\", \"weight\": 1.0}}, \"learner\": {\"type\": \"liblinear\"}, "
                + "\"thresholds\": {\"strategy\": \"fixed\", \"fixed\": 0.5}, "
                + "\"calibration\": {\"method\": \"none\"}}", "test");
    }

    /** The seeds with a fresh marker in every text, so no vector of them is in the cache yet. */
    private static LabelSet freshItems() throws Exception {
        LabelSet data = LabelReader.read(SEEDS);
        String run = " " + UUID.randomUUID();
        List<LabelledItem> items = new ArrayList<>();
        for (LabelledItem i : data.items()) {
            items.add(new LabelledItem(i.id(), i.kind(), i.source(), i.title(), i.text() + run, i.topics()));
        }
        return new LabelSet(data.origin(), data.files(), data.topics(), items, data.sha256());
    }

    @Test
    void aTenByFiveCrossValidationEmbedsEachItemOnce() throws Exception {
        LabelSet data = freshItems();
        FoldPlan plan = FoldPlan.stratified(data.items(), data.topics(), 10, 5, 42);
        new CrossValidator(new BinaryRelevanceTrainer(config()), 2).run(TrainingSet.of(data), plan,
                CrossValidator.protocolTasks(plan), Progress.silent());
        String marker = data.items().get(0).text().substring(data.items().get(0).text().lastIndexOf(' ') + 1);
        List<Integer> counts = CountingEncoder.EMBEDDED.entrySet().stream().filter(e -> e.getKey().endsWith(marker))
                .map(e -> e.getValue().get()).toList();
        long distinct = data.items().stream().map(i -> i.title() + "\n" + i.text()).distinct().count();
        assertEquals(distinct, counts.size(), "every item was embedded");
        assertTrue(counts.stream().allMatch(c -> c == 1), "no item was embedded twice: " + counts);
    }

    @Test
    void preparingATrainingSetEmbedsEveryTextOnceBeforeAnyFoldTrains() throws Exception {
        LabelSet data = freshItems();
        new BinaryRelevanceTrainer(config()).prepare(TrainingSet.of(data));
        String marker = data.items().get(0).text().substring(data.items().get(0).text().lastIndexOf(' ') + 1);
        List<Integer> counts = CountingEncoder.EMBEDDED.entrySet().stream().filter(e -> e.getKey().endsWith(marker))
                .map(e -> e.getValue().get()).toList();
        long distinct = data.items().stream().map(i -> i.title() + "\n" + i.text()).distinct().count();
        assertEquals(distinct, counts.size(), "every item was embedded ahead of the folds");
        assertTrue(counts.stream().allMatch(c -> c == 1), "once each: " + counts);
    }

    @Test
    void theDenseBlockIsOneNamedContributionPerTopicAndExplanationsStillAddUp() throws Exception {
        LabelSet data = freshItems();
        TrainedModel m = new BinaryRelevanceTrainer(config()).train(TrainingSet.of(data), 7);
        assertEquals("sha256:" + CountingEncoder.SHA256, m.provenance().versions().get("encoder " + CountingEncoder.ID),
                "the provenance (and so the manifest) records the encoder's weights");
        LabelledItem probe = data.items().get(3);
        for (Explanation e : m.explain(probe.title(), probe.text()).values()) {
            if (!e.available() || e.terms().isEmpty()) {
                continue;
            }
            AtomicInteger named = new AtomicInteger();
            double sum = e.bias();
            for (Explanation.Term t : e.terms()) {
                sum += t.contribution();
                named.addAndGet(EncoderBlock.CONTRIBUTION.equals(t.term()) ? 1 : 0);
                assertEquals(!EncoderBlock.CONTRIBUTION.equals(t.term()), t.word(),
                        t.term() + ": only the block's contribution is marked as no word of the text");
            }
            assertEquals(1, named.get(), e.topic() + ": one 'sentence meaning' term");
            assertEquals(e.raw(), sum, 1e-9, e.topic() + ": bias + contributions = raw score");
        }
    }
}
